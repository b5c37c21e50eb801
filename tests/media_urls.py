"""The portal's addresses with public media served from MEDIA_ROOT, as the web server serves it
in production (README.md, "Production"): what a test of "not at a public address" asks."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from portal.urls import urlpatterns as portal_urlpatterns


def public_media(request, path):
    # MEDIA_ROOT read at each request: every test has a folder of its own (tests/conftest.py).
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", public_media),
    *portal_urlpatterns,
]
