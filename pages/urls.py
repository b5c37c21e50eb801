"""URLs of the town's pages and the site map page."""

from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("trang/<path:path>/", views.page_detail, name="page"),
    path("so-do-cong/", views.site_map, name="site_map"),
]
