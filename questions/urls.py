"""URLs of the public question pages, the form, the lookup and the feed."""

from django.urls import path
from django.views.decorators.http import require_safe

from core.pagecache import reader_page

from . import feeds, views

app_name = "questions"

urlpatterns = [
    path("hoi-dap/", views.question_list, name="list"),
    path("hoi-dap/gui-cau-hoi/", views.ask, name="ask"),
    path("hoi-dap/tra-cuu/", views.lookup, name="lookup"),
    path("hoi-dap/rss/", require_safe(reader_page()(feeds.LatestQuestionsFeed())), name="feed"),
    # A slug, as every public address here: any text gets a 404 from the view, never a 500.
    path("hoi-dap/<slug:key>/", views.question_detail, name="detail"),
]
