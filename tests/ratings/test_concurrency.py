"""Many readers voting and commenting at the same moment on PostgreSQL: no vote is lost, no
limit is overrun, one solved captcha lets one comment in."""

import http.cookiejar
import json
import os
import urllib.error
import urllib.parse
import urllib.request

import pytest
import redis
from captcha.models import CaptchaStore
from django.db import connection
from factories import make_article
from liveservers import AppServers, shared_database_url
from threads import run_at_once

from ratings import services
from ratings.models import ArticleRating, Comment, Vote

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

READERS = 50
# A Redis database of this test run's own (never flushed, only this test's keys removed).
REDIS_TEST_URL = os.environ.get(
    "RATINGS_TEST_REDIS_URL", os.environ.get("STATS_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
)


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_votes_are_all_counted_with_the_exact_average():
    article = make_article()
    stars = [number % 5 + 1 for number in range(READERS)]

    def vote(number):
        services.cast_vote(article, f"{number:032x}", f"198.51.100.{number + 1}", stars[number])

    run_at_once(READERS, vote)

    rating = ArticleRating.objects.get(article=article)
    assert rating.vote_count == READERS == Vote.objects.filter(article=article).count()
    assert rating.star_total == sum(stars)
    assert str(rating.average) == "3.0"


@pytest.mark.django_db(transaction=True)
def test_concurrent_changes_of_votes_keep_the_total_exact():
    article = make_article()
    for number in range(READERS):
        services.cast_vote(article, f"{number:032x}", f"198.51.100.{number + 1}", 1)

    def change(number):
        services.cast_vote(article, f"{number:032x}", f"198.51.100.{number + 1}", 5)

    run_at_once(READERS, change)

    rating = ArticleRating.objects.get(article=article)
    assert (rating.vote_count, rating.star_total) == (READERS, 5 * READERS)


@pytest.mark.django_db(transaction=True)
def test_fifty_comments_published_at_once_are_all_counted_and_shown(settings, client):
    settings.RATINGS_COMMENTS_NEED_APPROVAL = False
    article = make_article()

    def comment(number):
        services.post_comment(article, f"198.51.100.{number + 1}", f"Bạn đọc {number}", "Ý kiến.")

    run_at_once(READERS, comment)

    assert ArticleRating.objects.get(article=article).comment_count == READERS
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count('class="comment"') == READERS


@pytest.mark.django_db(transaction=True)
def test_concurrent_new_voters_from_one_address_stop_at_the_limit(settings):
    settings.RATINGS_VOTES_PER_IP_PER_DAY = 5
    article = make_article()

    def vote(number):
        try:
            services.cast_vote(article, f"{number:032x}", "198.51.100.1", 4)
        except services.VoteLimitReached:
            return False
        return True

    results = run_at_once(20, vote)

    assert results.count(True) == 5
    assert ArticleRating.objects.get(article=article).vote_count == 5


@pytest.mark.django_db(transaction=True)
def test_fifty_readers_voting_at_once_over_http_are_all_counted(live_server, settings):
    settings.RATINGS_VOTES_PER_IP_PER_DAY = READERS
    article = make_article()
    vote_url = f"{live_server.url}/bai-viet/{article.slug}/danh-gia/"

    def reader(number):
        # Each reader is its own browser: its own cookies, token and voter id.
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        with opener.open(f"{live_server.url}/phan-hoi/csrf/") as response:
            token = json.load(response)["token"]
        request = urllib.request.Request(  # noqa: S310 - the live server's http URL
            vote_url,
            data=f"stars={number % 5 + 1}".encode(),
            headers={
                "X-CSRFToken": token,
                "Accept": "application/json",
                "Origin": live_server.url,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        with opener.open(request) as response:
            return response.status

    statuses = run_at_once(READERS, reader)

    assert statuses == [200] * READERS
    rating = ArticleRating.objects.get(article=article)
    assert (rating.vote_count, rating.star_total) == (READERS, 150)


@pytest.fixture
def app_servers(transactional_db, tmp_path):
    """Two gunicorn servers of two workers each on the test database, sharing a file cache.

    Django's test server queues only a few connections; these take the whole crowd at once.
    Their limits come from the environment: ``app_servers(**env)`` starts them.
    """
    started = []

    def start(**env):
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "REDIS_", "STATS_", "DATABASE_", "RATINGS_"))
        }
        environment.update(
            DJANGO_DEBUG="1",
            DJANGO_SECRET_KEY="concurrency-test-key-not-secret",
            DATABASE_URL=shared_database_url(),
            DATABASE_CONN_MAX_AGE="0",
            DJANGO_CACHE_DIR=str(tmp_path / "cache"),
            **env,
        )
        servers = AppServers(environment, count=2, workers=2).start(tmp_path)
        started.append(servers)
        return servers.ports

    yield start
    for servers in started:
        servers.stop()


class Reader:
    """One browser against one app server: its own cookies and CSRF token."""

    def __init__(self, port):
        self.base_url = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        with self.opener.open(f"{self.base_url}/phan-hoi/csrf/") as response:
            self.token = json.load(response)["token"]

    def post_json(self, path, fields):
        """POST as the article page's script does: (status, JSON answer), errors included."""
        request = urllib.request.Request(  # noqa: S310 - the app server's http URL
            self.base_url + path,
            data=urllib.parse.urlencode(fields).encode(),
            headers={
                "X-CSRFToken": self.token,
                "Accept": "application/json",
                "Origin": self.base_url,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)


def solved_captchas(count):
    keys = [CaptchaStore.generate_key() for _ in range(count)]
    return [(key, CaptchaStore.objects.get(hashkey=key).response) for key in keys]


def test_ten_solved_captchas_raced_by_forty_readers_let_exactly_ten_comments_in(app_servers):
    ports = app_servers(RATINGS_COMMENTS_PER_IP_PER_HOUR="1000")
    article = make_article()
    captchas = solved_captchas(10)
    readers = [Reader(ports[number % 2]) for number in range(40)]
    path = f"/bai-viet/{article.slug}/binh-luan/"

    def comment(number):
        key, answer = captchas[number % 10]
        text = f"Ý kiến số {number} của bạn đọc"
        fields = {"name": f"Bạn đọc {number}", "text": text, "captcha_0": key, "captcha_1": answer}
        return text, *readers[number].post_json(path, fields)

    answers = run_at_once(40, comment)

    assert Comment.objects.count() == 10
    assert sorted(status for _, status, _ in answers) == [200] * 10 + [400] * 30
    # Each captcha let exactly one of its four readers in.
    posted = set(Comment.objects.values_list("text", flat=True))
    for key_number in range(10):
        texts = {f"Ý kiến số {n} của bạn đọc" for n in range(key_number, 40, 10)}
        assert len(texts & posted) == 1
    # The readers who lost the race keep what they typed, and are told why.
    for text, status, answer in answers:
        if status == 400:
            assert text in answer["form_html"]
            assert "Mã xác thực không đúng." in answer["form_html"]
    assert not CaptchaStore.objects.filter(hashkey__in=[key for key, _ in captchas]).exists()


def test_twenty_comments_posted_at_once_from_one_address_stop_exactly_at_the_limit(app_servers):
    ports = app_servers(RATINGS_COMMENTS_PER_IP_PER_HOUR="5")
    article = make_article()
    captchas = solved_captchas(20)
    readers = [Reader(ports[number % 2]) for number in range(20)]
    path = f"/bai-viet/{article.slug}/binh-luan/"

    def comment(number):
        key, answer = captchas[number]
        text = f"Bình luận thứ {number} từ một địa chỉ"
        fields = {"name": "Cùng một nhà", "text": text, "captcha_0": key, "captcha_1": answer}
        return text, *readers[number].post_json(path, fields)

    answers = run_at_once(20, comment)

    assert Comment.objects.count() == 5
    assert sorted(status for _, status, _ in answers) == [200] * 5 + [429] * 15
    for text, status, answer in answers:
        if status == 429:
            assert text in answer["form_html"]
            assert "quá nhiều bình luận" in answer["form_html"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_comments_from_one_address_block_stop_at_the_limit_in_the_service(settings):
    settings.RATINGS_COMMENTS_PER_IP_PER_HOUR = 5
    article = make_article()

    def comment(number):
        # One IPv6 /64: a new address for each comment is still one reader.
        try:
            services.post_comment(article, f"2001:db8:5::{number + 1}", "Bạn đọc", "Ý kiến.")
        except services.CommentLimitReached:
            return False
        return True

    results = run_at_once(20, comment)

    assert results.count(True) == 5 == Comment.objects.count()


def test_a_robot_asking_both_servers_for_captchas_at_once_gets_only_its_share(app_servers):
    # Counted in the cache both servers share: Redis, as in production with several servers.
    store = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1)
    try:
        store.ping()
    except redis.RedisError:
        pytest.skip(f"Redis at {REDIS_TEST_URL} is unreachable")
    for key in store.scan_iter("*captcha-issued:*"):
        store.delete(key)
    ports = app_servers(REDIS_URL=REDIS_TEST_URL, CAPTCHAS_PER_ADDRESS_BLOCK_PER_MINUTE="10")

    def ask(number):
        request = urllib.request.Request(  # noqa: S310 - the app server's http URL
            f"http://127.0.0.1:{ports[number % 2]}/captcha/refresh/",
            headers={"X-Requested-With": "XMLHttpRequest"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            assert "quá nhiều mã xác thực" in json.load(error)["message"]
            return error.code

    statuses = run_at_once(60, ask)

    # A minute's window may turn during the burst and give a second share, never more.
    assert statuses.count(200) in (10, 20)
    assert CaptchaStore.objects.count() == statuses.count(200)
    assert statuses.count(429) == 60 - statuses.count(200)
