"""Many readers voting at the same moment on PostgreSQL: no vote is lost, no limit is overrun."""

import http.cookiejar
import json
import urllib.request

import pytest
from django.db import connection
from factories import make_article
from threads import run_at_once

from ratings import services
from ratings.models import ArticleRating, Vote

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

READERS = 50


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
