"""The portal's URLs as the checks serve them: portal.urls, plus /media/ from disk.

In production the web server serves uploads (README.md, "Production"); under gunicorn alone
nothing would, and every cover image would be a 404 that Lighthouse and the browser report.
Selected with DJANGO_ROOT_URLCONF=served_urls (checks/ on PYTHONPATH) by checks/site_checks.py,
never in production.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    re_path(
        r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
        serve,
        {"document_root": settings.MEDIA_ROOT},
    ),
    *portal_urlpatterns,
]
