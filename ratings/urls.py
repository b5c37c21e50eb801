"""URLs of readers' feedback: the no-JavaScript page, the vote and comment posts, a CSRF token."""

from django.urls import path

from . import views

app_name = "ratings"

urlpatterns = [
    path("phan-hoi/csrf/", views.csrf_token, name="csrf"),
    path("bai-viet/<slug:slug>/phan-hoi/", views.feedback_page, name="feedback"),
    path("bai-viet/<slug:slug>/danh-gia/", views.vote, name="vote"),
    path("bai-viet/<slug:slug>/binh-luan/", views.comment, name="comment"),
]
