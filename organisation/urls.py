"""URLs of the organisation pages, in Vietnamese (/to-chuc/) and English (/en/)."""

from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("to-chuc/", views.directory, name="directory"),
    # A slug, as every public address here: any text gets a 404 from the view, never a 500.
    path("to-chuc/nguoi/<slug:pk>.vcf", views.person_vcard, name="vcard"),
    path("to-chuc/<slug:slug>/", views.unit_page, name="unit"),
    path("en/", views.english_home, name="home_en"),
    path("en/organisation/", views.english_directory, name="directory_en"),
    path("en/organisation/<slug:slug>/", views.english_unit, name="unit_en"),
    path("en/contact/", views.english_contact, name="contact_en"),
]
