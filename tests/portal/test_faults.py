"""Redis down costs readers nothing but the cache: pages render uncached, counts go to the
database, votes and comments work, /healthz says the site is degraded, and when Redis returns
nothing stale comes back and no request fails. Each test runs a redis-server of its own and
stops it; the shared one is never touched."""

import http.cookiejar
import logging
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
from captcha.models import CaptchaStore
from django.db import connection
from django.urls import reverse
from factories import make_article, make_question
from liveservers import AppServers, free_port, get, shared_database_url

import core.cache
from ratings.models import Comment, Vote
from stats import services as stats_services
from stats.models import DailyVisits, Reader

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
UNREACHABLE = "is unreachable"
REACHABLE_AGAIN = "is reachable again"


class OwnRedis:
    """A redis-server on a free port, in a folder of its own, that keeps its data through a
    restart (an append-only file, written at every change), as a production Redis may."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "yes", "--appendfsync", "always"),
                *("--dir", str(self.directory)),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)

    def freeze(self):
        """The server stops answering but keeps its data and its port: a host gone silent."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)


@pytest.fixture
def own_redis(tmp_path):
    if shutil.which("redis-server") is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing and CI is set")
        pytest.skip("redis-server is missing")
    server = OwnRedis(tmp_path).start()
    yield server
    if server.process.poll() is None:
        server.thaw()
        server.stop()


@pytest.fixture
def redis_cache(own_redis, settings, monkeypatch):
    """The site's cache (and so its counters) on the test's own Redis, tried again quickly."""
    settings.CACHES = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": own_redis.url}}
    monkeypatch.setattr(core.cache, "RETRY_SECONDS", 0.2)
    return own_redis


def outage_lines(caplog, text):
    return [r for r in caplog.records if r.name == "core.cache" and text in r.getMessage()]


@pytest.mark.django_db
def test_pages_render_uncached_while_redis_is_down_and_the_outage_is_logged_once(
    client, redis_cache, caplog
):
    caplog.set_level(logging.INFO)
    article = make_article(title="Tin khi Redis ngừng")
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    redis_cache.stop()
    pages = [article.get_absolute_url(), "/", article.category.get_absolute_url()] * 10
    answers = [client.get(path) for path in pages]

    assert [answer.status_code for answer in answers] == [200] * len(pages)
    assert "Tin khi Redis ngừng" in answers[0].content.decode()
    # Rendered from the database, not served from the cache.
    assert answers[0]["X-Page-Cache"] == "miss"
    assert len(outage_lines(caplog, UNREACHABLE)) == 1


@pytest.mark.django_db
def test_wrong_tracking_codes_stay_limited_through_a_redis_outage(client, redis_cache, settings):
    """Two wrong codes before Redis stops and one while it is down use up a limit of three: the
    right code is refused then, and still after Redis is back (which counted only two)."""
    settings.QUESTIONS_WRONG_CODES_PER_HOUR = 3
    question = make_question(title="Hỏi về giấy phép xây dựng")

    def look_up(code):
        return client.get(reverse("questions:lookup"), {"ma": code}, REMOTE_ADDR="198.51.100.41")

    assert look_up("HD-222222").status_code == 200
    assert look_up("HD-333333").status_code == 200
    redis_cache.stop()
    assert look_up("HD-444444").status_code == 200
    while_down = look_up(question.code)
    redis_cache.start()
    time.sleep(0.3)  # past core.cache.RETRY_SECONDS: the next call tries Redis again
    after = look_up(question.code)

    for refused in (while_down, after):
        assert refused.status_code == 429
        assert question.title not in refused.content.decode()


@pytest.mark.django_db
def test_page_views_are_counted_in_the_database_while_redis_is_down(client, redis_cache):
    article = make_article()
    redis_cache.stop()
    before = DailyVisits.objects.total()

    answer = client.get(article.get_absolute_url(), **BROWSER)

    assert answer.status_code == 200
    assert DailyVisits.objects.total() == before + 1


@pytest.mark.django_db
def test_readers_the_database_counted_during_an_outage_go_when_their_visit_is_over(
    client, redis_cache, settings
):
    settings.STATS_VISIT_GAP_SECONDS = 1
    article = make_article()
    redis_cache.stop()
    client.get(article.get_absolute_url(), **BROWSER)
    assert Reader.objects.exists()

    redis_cache.start()
    time.sleep(max(core.cache.RETRY_SECONDS, settings.STATS_VISIT_GAP_SECONDS) + 0.1)
    # The cleanup every app process runs, and the cron job.
    stats_services.clean()

    assert not Reader.objects.exists()


@pytest.mark.django_db
def test_votes_and_comments_work_while_redis_is_down(client, redis_cache):
    article = make_article()
    redis_cache.stop()

    vote = client.post(reverse("ratings:vote", kwargs={"slug": article.slug}), {"stars": 4})
    feedback = client.get(reverse("ratings:feedback", kwargs={"slug": article.slug}))
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', feedback.content.decode()).group(1)
    comment = client.post(
        reverse("ratings:comment", kwargs={"slug": article.slug}),
        {
            "name": "Trần Thị Bình",
            "text": "Góp ý khi máy chủ đệm ngừng.",
            "captcha_0": key,
            "captcha_1": CaptchaStore.objects.get(hashkey=key).response,
        },
    )

    assert vote.status_code == 302
    assert Vote.objects.get(article=article).stars == 4
    assert comment.status_code == 302
    assert Comment.objects.get(article=article).text == "Góp ý khi máy chủ đệm ngừng."


@pytest.mark.django_db
def test_when_redis_returns_pages_are_cached_again_and_the_return_is_logged(
    client, redis_cache, caplog
):
    caplog.set_level(logging.INFO)
    article = make_article()
    redis_cache.stop()
    assert client.get(article.get_absolute_url()).status_code == 200

    redis_cache.start()
    time.sleep(core.cache.RETRY_SECONDS)
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())

    assert (first.status_code, first["X-Page-Cache"]) == (200, "miss")
    assert (second.status_code, second["X-Page-Cache"]) == (200, "hit")
    assert len(outage_lines(caplog, REACHABLE_AGAIN)) == 1


@pytest.mark.django_db
def test_an_edit_made_while_redis_was_down_shows_when_it_returns_with_its_old_data(
    client, redis_cache
):
    article = make_article(title="Tiêu đề cũ")
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    redis_cache.stop()
    article.title = "Tiêu đề mới"
    article.save()
    during = client.get(article.get_absolute_url())
    # Redis comes back with the old page and the version it is cached under.
    redis_cache.start()
    time.sleep(core.cache.RETRY_SECONDS)
    after = client.get(article.get_absolute_url())

    assert "Tiêu đề mới" in during.content.decode()
    # The version bump Redis missed is made good: the old page is not served again.
    assert "Tiêu đề mới" in after.content.decode()
    assert "Tiêu đề cũ" not in after.content.decode()


@pytest.mark.django_db
def test_a_redis_that_stops_answering_costs_pages_nothing(client, redis_cache):
    article = make_article(title="Tin khi Redis im lặng")
    client.get(article.get_absolute_url())
    # The server keeps its connections open and answers nothing: calls time out.
    redis_cache.freeze()
    answers = [client.get(article.get_absolute_url()) for _ in range(3)]
    redis_cache.thaw()

    assert [answer.status_code for answer in answers] == [200] * 3
    assert "Tin khi Redis im lặng" in answers[0].content.decode()


@pytest.mark.django_db
def test_health_says_degraded_while_redis_is_down_and_ok_when_it_is_back(client, redis_cache):
    def health():
        answer = client.get("/healthz")
        return answer.status_code, answer["X-Health"], answer.content.decode().strip()

    assert health() == (200, "ok", "ok")
    redis_cache.stop()
    assert health() == (200, "degraded", "degraded: redis unreachable")
    redis_cache.start()
    assert health() == (200, "ok", "ok")


@pytest.mark.django_db(transaction=True)
def test_health_answers_503_when_the_database_is_unreachable(client):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (closing SQLite's in-memory test database would lose it)")
    port = connection.settings_dict["PORT"]
    connection.close()
    # Nothing listens on a fresh free port: every connection attempt is refused.
    connection.settings_dict["PORT"] = free_port()
    try:
        answer = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    assert (answer.status_code, answer["X-Health"]) == (503, "down")
    assert answer.content.decode().strip() == "down: database unreachable"


# Live: real gunicorn servers sharing the test's own Redis and the test database.


def reader_browser():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", BROWSER["HTTP_USER_AGENT"])]
    return opener


def post_form(browser, url, fields):
    # Only the loopback test servers are opened.
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode())  # noqa: S310
    try:
        return browser.open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


def vote_and_comment(port, article, stars):
    """A reader with a browser votes and comments: (vote status, comment status)."""
    browser = reader_browser()
    base = f"http://127.0.0.1:{port}"
    feedback = reverse("ratings:feedback", kwargs={"slug": article.slug})
    page = browser.open(base + feedback, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', page).group(1)
    voted = post_form(
        browser,
        base + reverse("ratings:vote", kwargs={"slug": article.slug}),
        {"stars": stars, "csrfmiddlewaretoken": token},
    )
    commented = post_form(
        browser,
        base + reverse("ratings:comment", kwargs={"slug": article.slug}),
        {
            "name": "Lê Văn Cường",
            "text": f"Ý kiến số {stars}",
            "captcha_0": key,
            "captcha_1": CaptchaStore.objects.get(hashkey=key).response,
            "csrfmiddlewaretoken": token,
        },
    )
    return voted, commented


def total_visits_reach(expected, seconds=10):
    deadline = time.monotonic() + seconds
    while DailyVisits.objects.total() < expected and time.monotonic() < deadline:
        time.sleep(0.2)
    return DailyVisits.objects.total()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_live_servers_serve_every_reader_through_a_redis_outage_and_its_end(own_redis, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")
    article = make_article(title="Tin giữa lúc Redis ngừng")
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "DATABASE_"))
    }
    env.update(
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY="faults-test-" + uuid.uuid4().hex,
        DATABASE_URL=shared_database_url(),
        DATABASE_CONN_MAX_AGE="600",
        REDIS_URL=own_redis.url,
        STATS_REDIS_PREFIX=f"stats-{uuid.uuid4().hex}:",
    )
    pages = ["/", article.get_absolute_url(), article.category.get_absolute_url()]
    browser_headers = {"User-Agent": BROWSER["HTTP_USER_AGENT"]}

    def read_everything(ports, rounds):
        return [
            get(port, path, browser_headers)[0]
            for _round in range(rounds)
            for port in ports
            for path in pages
        ]

    with AppServers(env, count=2, workers=2).start(tmp_path) as servers:
        ports = servers.ports
        assert set(read_everything(ports, 2)) == {200}

        own_redis.stop()
        visits = DailyVisits.objects.total()
        during = read_everything(ports, 20)
        health = [get(port, "/healthz") for port in ports]
        voted, commented = vote_and_comment(ports[0], article, stars=5)
        # The reader's visit is counted in the database (its first page at once).
        counted_visits = total_visits_reach(visits + 1)

        own_redis.start()
        # Every process tries Redis again within core.cache.RETRY_SECONDS.
        time.sleep(core.cache.RETRY_SECONDS + 0.5)
        after = read_everything(ports, 5)
        health_after = [get(port, "/healthz") for port in ports]
        cached_again = get(ports[1], article.get_absolute_url())[1].getheader("X-Page-Cache")

    assert during == [200] * len(during)
    assert counted_visits > visits
    assert [(status, answer.getheader("X-Health")) for status, answer, _body in health] == [
        (200, "degraded")
    ] * 2
    # Both were accepted: the reader was sent on to the feedback page (errors are 400 or 429).
    assert (voted, commented) == (200, 200)
    assert Vote.objects.filter(article=article, stars=5).count() == 1
    assert Comment.objects.filter(article=article, text="Ý kiến số 5").count() == 1
    assert after == [200] * len(after)
    assert [(status, answer.getheader("X-Health")) for status, answer, _body in health_after] == [
        (200, "ok")
    ] * 2
    assert cached_again == "hit"
    # Logged once per process that saw the outage, not once per request.
    logs = "".join(path.read_text() for path in Path(tmp_path).glob("gunicorn-*.log"))
    assert 1 <= logs.count(UNREACHABLE) <= 4 < len(during)
