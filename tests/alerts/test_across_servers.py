"""Two app servers sharing Redis and PostgreSQL: an alert posted through another process shows on
both servers' cached pages within the documented lag (PAGE_CACHE_LOCAL_SECONDS, 1 s), and
leaves them at its end time, with no page refreshed."""

import os
import time
import uuid
from datetime import timedelta

import pytest
import redis
from django.db import connection
from django.utils import timezone
from factories import make_alert, make_article
from liveservers import AppServers, get, shared_database_url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("ALERTS_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
# PAGE_CACHE_LOCAL_SECONDS as the servers run with it (the default), and a little more.
LAG = 1.1


@pytest.fixture
def servers(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")
    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        client.ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} is unreachable and CI is set")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable")
    client.flushdb()
    # This test process posts the alerts: it forgets the shared copy the servers read.
    settings.CACHES = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": REDIS_URL}}
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "DATABASE_"))
    }
    env.update(
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY="alerts-test-" + uuid.uuid4().hex,
        DATABASE_URL=shared_database_url(),
        DATABASE_CONN_MAX_AGE="0",
        REDIS_URL=REDIS_URL,
    )
    with AppServers(env, count=2, workers=1).start(tmp_path) as app_servers:
        yield app_servers.ports
    client.flushdb()


def home(port):
    _status, response, body = get(port, "/")
    return response.getheader("X-Page-Cache"), body.decode()


def test_an_alert_posted_elsewhere_shows_on_both_servers_cached_pages_and_ends_on_time(servers):
    make_article(title="Tin trong ngày")
    for port in servers:
        home(port)  # cached, and the (no) alerts read, on both

    alert = make_alert(
        text="Bão số 9 đổ bộ tối nay.", ends_at=timezone.now() + timedelta(seconds=3)
    )
    time.sleep(LAG)
    for port in servers:
        state, html = home(port)
        assert state == "hit", port
        assert "Bão số 9 đổ bộ tối nay." in html, port

    time.sleep(max(0, (alert.ends_at - timezone.now()).total_seconds()))
    for port in servers:
        state, html = home(port)
        assert state == "hit", port
        assert "Bão số 9" not in html, port
