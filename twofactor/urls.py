"""The second factor's pages, under the admin's address (portal/urls.py mounts them)."""

from django.urls import path

from . import views

app_name = "twofactor"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("enrol/", views.enrol, name="enrol"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
]
