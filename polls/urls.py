"""URLs of the poll pages: results, the ballot page (and post) and a reader's state."""

from django.urls import path

from . import views

app_name = "polls"

urlpatterns = [
    path("tham-do/<int:poll_id>/", views.results_page, name="results"),
    path("tham-do/<int:poll_id>/binh-chon/", views.ballot, name="ballot"),
    path("tham-do/<int:poll_id>/cua-ban/", views.poll_state, name="state"),
]
