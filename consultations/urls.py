"""URLs of the consultation pages and feed."""

from django.urls import path
from django.views.decorators.http import require_safe

from core.pagecache import reader_page

from . import feeds, views

app_name = "consultations"

urlpatterns = [
    path("lay-y-kien/", views.consultation_list, name="list"),
    path(
        "lay-y-kien/rss/",
        require_safe(reader_page()(feeds.ConsultationFeed())),
        name="feed",
    ),
    path("lay-y-kien/<slug:slug>/", views.consultation_detail, name="detail"),
    path("lay-y-kien/<slug:slug>/gop-y/", views.comment_page, name="comment"),
]
