"""URLs of the public document pages, feeds and the access-to-information page."""

from django.contrib.syndication.views import Feed
from django.urls import path
from django.views.decorators.http import require_safe

from core.pagecache import reader_page

from . import feeds, views


def feed_view(feed: Feed):
    """A feed as the other public pages are served: GET and HEAD only, cached for readers."""
    return require_safe(reader_page()(feed))


app_name = "documents"

urlpatterns = [
    path("van-ban/", views.document_list, name="list"),
    path("van-ban/rss/", feed_view(feeds.LatestDocumentsFeed()), name="feed"),
    path("van-ban/rss/<slug:slug>/", feed_view(feeds.TypeFeed()), name="type_feed"),
    # A slug, as every public address here: any text gets a 404 from the view, never a 500.
    path("van-ban/tep/<slug:key>/", views.download, name="download"),
    path("van-ban/<slug:slug>/", views.document_detail, name="detail"),
    path("tiep-can-thong-tin/", views.access_to_information, name="access"),
]
