"""URLs of the public news pages and feeds."""

from django.urls import path
from django.views.decorators.http import require_safe

from core.pagecache import reader_page

from . import feeds, views


def feed_view(feed):
    """A feed as the other public pages are served: GET and HEAD only, cached for readers (it
    reads no query parameter, so none makes a new copy)."""
    return require_safe(reader_page()(feed))


app_name = "news"

urlpatterns = [
    path("", views.home, name="home"),
    path("chuyen-muc/<slug:slug>/", views.category_detail, name="category"),
    path("bai-viet/<slug:slug>/", views.article_detail, name="article"),
    path("tim-kiem/", views.search, name="search"),
    path("rss/", feed_view(feeds.LatestArticlesFeed()), name="feed"),
    path("rss/<slug:slug>/", feed_view(feeds.CategoryFeed()), name="category_feed"),
]
