"""Fixtures for the counters: a controllable clock, readers with a browser, both counter stores."""

import os
import uuid
from datetime import timedelta

import pytest
import redis
from django.test import Client
from django.utils import timezone

from stats import services

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
REDIS_TEST_URL = os.environ.get("STATS_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


class Clock:
    """Stands in for ``timezone.now``; tests move it forward instead of sleeping."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **duration):
        self.now += timedelta(**duration)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(timezone.now())
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture(autouse=True)
def _forget_process_memos():
    services.forget_recent()
    yield
    services.forget_recent()


def redis_available(url=REDIS_TEST_URL):
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def skip_or_fail_without_redis():
    if not redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_TEST_URL} is unreachable and CI is set")
        pytest.skip(f"Redis at {REDIS_TEST_URL} is unreachable (set CI to make this a failure)")


@pytest.fixture
def redis_store(settings):
    """Counters kept in Redis under a prefix of this test's own, removed afterwards."""
    skip_or_fail_without_redis()
    prefix = f"stats-test-{uuid.uuid4().hex}:"
    original_caches = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.STATS_REDIS_PREFIX = prefix
    yield
    client = redis.Redis.from_url(REDIS_TEST_URL)
    for key in client.scan_iter(match=f"*{prefix}*"):
        client.delete(key)
    # Back to the per-process cache before the shared fixture clears "the" cache.
    settings.CACHES = original_caches


@pytest.fixture(params=["database", "redis", "database, buffered", "redis, buffered"])
def store(request, db, settings):
    """Each behaviour test runs on both counter stores, with page views written at once or
    buffered the way app servers buffer them (``counted`` then writes the batch)."""
    kind, _comma, buffered = request.param.partition(", ")
    if kind == "redis":
        request.getfixturevalue("redis_store")
    if buffered:
        # Long enough that the buffer's own thread never wakes during the test.
        settings.STATS_BUFFER_SECONDS = 3600
    yield kind
    services.counter_store().buffer.stop()


@pytest.fixture
def new_reader():
    """A factory of browsers: each keeps its own cookies and sends a real browser's user agent."""

    def make(user_agent=BROWSER, **headers):
        return Client(headers={"User-Agent": user_agent, **headers})

    return make


@pytest.fixture
def reader(new_reader):
    return new_reader()


@pytest.fixture
def counted():
    """Reads the counters as staff would after the buffered counts are flushed."""
    from stats.models import ArticleViews, DailyVisits

    class Counted:
        @staticmethod
        def visits():
            services.flush()
            return DailyVisits.objects.total()

        @staticmethod
        def views(article):
            services.flush()
            return ArticleViews.of(article.pk)

        @staticmethod
        def online():
            services.flush()
            return services.counter_store().online(timezone.now())

    return Counted()
