"""URLs of the contact page and its result page."""

from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("lien-he/", views.contact_page, name="form"),
    path("lien-he/da-gui/", views.sent_page, name="sent"),
]
