"""Two app servers behind one address behave as one site: shared sessions and page cache."""

import http.cookiejar
import os
import re
import time
import urllib.parse
import urllib.request
import uuid

import pytest
import redis
from django.db import connection
from factories import make_article
from liveservers import AppServers, get, shared_database_url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("SCALE_OUT_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def shared_redis():
    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        client.ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} is unreachable and CI is set")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable")
    client.flushdb()
    yield REDIS_URL
    client.flushdb()


@pytest.fixture
def servers(shared_redis, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")
    # This test process edits content too, so it must bump the versions the servers read.
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": shared_redis,
        }
    }
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "DATABASE_"))
    }
    env.update(
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY="scale-out-test-" + uuid.uuid4().hex,
        DATABASE_URL=shared_database_url(),
        DATABASE_CONN_MAX_AGE="0",
        REDIS_URL=shared_redis,
    )
    with AppServers(env, count=2).start(tmp_path) as app_servers:
        yield app_servers.ports


def test_staff_logged_in_on_one_server_are_logged_in_on_the_other(servers, django_user_model):
    django_user_model.objects.create_superuser("quantri", password="mat-khau-quan-tri-12345")
    first, second = servers
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_page = browser.open(f"http://127.0.0.1:{first}/admin/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    form = {
        "username": "quantri",
        "password": "mat-khau-quan-tri-12345",
        "csrfmiddlewaretoken": token,
    }
    browser.open(
        urllib.request.Request(
            f"http://127.0.0.1:{first}/admin/login/?next=/admin/",
            data=urllib.parse.urlencode(form).encode(),
            headers={"Referer": f"http://127.0.0.1:{first}/admin/login/"},
        )
    )
    dashboard = browser.open(f"http://127.0.0.1:{second}/admin/")
    assert dashboard.geturl().endswith("/admin/")  # not sent back to the login page
    assert "quantri" in dashboard.read().decode()


def test_a_page_cached_by_one_server_is_served_by_the_other_and_refreshed_by_an_edit(servers):
    first, second = servers
    article = make_article(title="Tin trước khi sửa")
    status, response, _body = get(first, article.get_absolute_url())
    assert (status, response.getheader("X-Page-Cache")) == (200, "miss")
    status, response, body = get(second, article.get_absolute_url())
    assert (status, response.getheader("X-Page-Cache")) == (200, "hit")
    assert "Tin trước khi sửa" in body.decode()

    article.title = "Tin sau khi sửa"
    article.save()
    # Each process reuses the versions it read for PAGE_CACHE_LOCAL_SECONDS (1 s).
    time.sleep(1.1)
    for port in servers:
        _status, response, body = get(port, article.get_absolute_url())
        assert "Tin sau khi sửa" in body.decode(), port
