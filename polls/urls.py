"""URLs of the poll pages: results, the ballot page (and post) and a reader's state."""

from django.urls import path

from . import views

app_name = "polls"

# A slug, as every public address here: any text gets a 404 from the view, never a 500.
urlpatterns = [
    path("tham-do/<slug:poll_id>/", views.results_page, name="results"),
    path("tham-do/<slug:poll_id>/binh-chon/", views.ballot, name="ballot"),
    path("tham-do/<slug:poll_id>/cua-ban/", views.poll_state, name="state"),
]
