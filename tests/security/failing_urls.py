"""The site's URLs plus one view that fails, to see what a reader gets from a server error."""

from django.urls import path

from portal.urls import urlpatterns as site_urlpatterns


def fail(request):
    raise RuntimeError("internal detail: database password and query text")


urlpatterns = [path("loi-thu/", fail), *site_urlpatterns]
