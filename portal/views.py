"""Site-wide plain views: robots.txt, security.txt, the health check, the benchmark's bare view."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /tim-kiem/"]
    # A moved admin is not named here: robots.txt is the first file a scanner reads.
    if settings.ADMIN_URL == "admin/":
        lines.append("Disallow: /admin/")
    lines.append(f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def security_txt(request):
    """RFC 9116: where to report a vulnerability (404 until SECURITY_CONTACT is set)."""
    if not settings.SECURITY_CONTACT:
        raise Http404
    expires = (timezone.now() + timedelta(days=365)).strftime("%Y-%m-%dT00:00:00Z")
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires}",
        "Preferred-Languages: vi, en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@never_cache
def health(request):
    """For a load balancer or monitor: the status code says whether to send readers here, the
    first word of the body (also in ``X-Health``) how well they are served.

    - 200 ``ok``;
    - 200 ``degraded: redis unreachable``: pages are served uncached, counts go to the database;
    - 503 ``down: database unreachable``: no page can be served.
    """
    if not _database_answers():
        status, state = 503, "down: database unreachable"
    elif not getattr(cache, "is_reachable", lambda: True)():
        status, state = 200, "degraded: redis unreachable"
    else:
        status, state = 200, "ok"
    response = HttpResponse(state + "\n", status=status, content_type="text/plain")
    response["X-Health"] = state.partition(":")[0]
    return response


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("Health check: the database does not answer (%s)", error)
        # A connection the server ended is not reused by the next check.
        connection.close()
        return False
    return True


def bare_ok(request):
    """The benchmark's yardstick: a view that does nothing (mounted only for bench/run.py)."""
    return HttpResponse("ok")
