"""Two real app servers sharing PostgreSQL (and Redis) count parallel readers exactly."""

import http.client
import os
import random
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie

import pytest
import redis
from django.conf import settings
from django.db import connection
from factories import make_article
from liveservers import AppServers, shared_database_url

from stats.models import ArticleViews, DailyVisits

from .conftest import REDIS_TEST_URL, skip_or_fail_without_redis

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

READERS = 1000
WORKERS_PER_SERVER = 3


def get(port, path, user_agent, cookie=None):
    """One GET through the real HTTP stack; returns (status, the reader cookie it set or None)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"User-Agent": user_agent}
    if cookie:
        headers["Cookie"] = f"{settings.STATS_COOKIE_NAME}={cookie}"
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    jar = SimpleCookie(response.getheader("Set-Cookie") or "")
    given = jar.get(settings.STATS_COOKIE_NAME)
    return response.status, given.value if given else None


@pytest.fixture
def servers_env(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "STATS_", "DATABASE_"))
    }
    env.update(
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY="concurrency-test-key-not-secret",
        DATABASE_URL=shared_database_url(),
        DATABASE_CONN_MAX_AGE="0",
        # A thousand new readers a minute from 127.0.0.1: past any cap on one address block.
        STATS_NEW_READERS_PER_IP_BLOCK_PER_MINUTE="0",
    )
    return env


def read_in_parallel(ports, articles):
    """Each reader opens the home page without a cookie, then two articles on both servers at
    once with the cookie it got: 3,000 requests, a reader's last two racing each other."""
    agents = [f"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 reader-{n}" for n in range(READERS)]
    with ThreadPoolExecutor(max_workers=32) as pool:
        first = list(pool.map(lambda n: get(ports[n % 2], "/", agents[n]), range(READERS)))
        assert all(status == 200 and cookie for status, cookie in first)
        second = [
            (ports[0], articles[n % 2].get_absolute_url(), agents[n], first[n][1])
            for n in range(READERS)
        ] + [
            (ports[1], articles[n % 2].get_absolute_url(), agents[n], first[n][1])
            for n in range(READERS)
        ]
        random.shuffle(second)
        results = list(pool.map(lambda request: get(*request), second))
    assert all(status == 200 for status, _cookie in results)


def test_two_servers_on_postgresql_count_1000_parallel_readers_exactly(servers_env, tmp_path):
    articles = [make_article(), make_article()]
    servers = AppServers(servers_env, workers=WORKERS_PER_SERVER)
    servers.start(tmp_path)
    try:
        read_in_parallel(servers.ports, articles)
    finally:
        servers.stop()

    assert DailyVisits.objects.total() == READERS
    assert ArticleViews.of(articles[0].pk) + ArticleViews.of(articles[1].pk) == READERS
    assert ArticleViews.of(articles[0].pk) == READERS // 2


def test_two_servers_with_redis_count_1000_parallel_readers_exactly(servers_env, tmp_path):
    skip_or_fail_without_redis()
    prefix = f"stats-test-{uuid.uuid4().hex}:"
    servers_env.update(REDIS_URL=REDIS_TEST_URL, STATS_REDIS_PREFIX=prefix, STATS_FLUSH_SECONDS="2")
    articles = [make_article(), make_article()]
    servers = AppServers(servers_env, workers=WORKERS_PER_SERVER)
    servers.start(tmp_path)
    try:
        read_in_parallel(servers.ports, articles)
    finally:
        servers.stop()
    # A restart loses nothing: whatever the requests did not flush yet, the command does.
    servers.manage("flushstats")

    assert DailyVisits.objects.total() == READERS
    assert ArticleViews.of(articles[0].pk) + ArticleViews.of(articles[1].pk) == READERS
    client = redis.Redis.from_url(REDIS_TEST_URL)
    assert not client.exists(prefix + "pending")
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)
