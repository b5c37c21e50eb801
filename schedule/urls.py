"""URL of the public work schedule."""

from django.urls import path

from . import views

app_name = "schedule"

urlpatterns = [
    path("lich-cong-tac/", views.week_page, name="week"),
]
