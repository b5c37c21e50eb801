"""The site's URLs plus slow views, for live servers whose database connections a test ends
while a request is using them (tests/portal/test_database.py). Set DJANGO_ROOT_URLCONF to
``faultviews`` with ``tests`` on PYTHONPATH; never mounted by the site itself."""

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path


def slow_read(request):
    """Reads for a while; the answer is the server process that did it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), pg_sleep(%s)", [float(request.GET["seconds"])])
        pid = cursor.fetchone()[0]
    return HttpResponse(str(pid), content_type="text/plain")


def slow_read_after_a_write(request):
    """Writes (nothing, but a write all the same), then reads for a while."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE news_article SET title = title WHERE id < 0")
        cursor.execute("SELECT pg_sleep(%s)", [float(request.GET["seconds"])])
    return HttpResponse("done", content_type="text/plain")


urlpatterns = [
    path("__faults__/slow-read", slow_read),
    path("__faults__/slow-read-after-a-write", slow_read_after_a_write),
    path("", include("portal.urls")),
]


class UnreachableMailServer:
    """An e-mail backend whose server never answers (MAILER_EMAIL_BACKEND in tests/outbox)."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        raise ConnectionRefusedError("the mail server is down")

    def close(self):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")
