"""Star votes: one per reader per article, limited per IP address, exact figures, clear refusals."""

import pytest
from django.urls import reverse
from factories import make_article, make_vote

from ratings.models import ArticleRating, Vote

JSON = {"HTTP_ACCEPT": "application/json"}


def vote_url(article):
    return reverse("ratings:vote", kwargs={"slug": article.slug})


def post_vote(client, article, stars, ip="198.51.100.10", **extra):
    return client.post(vote_url(article), {"stars": stars}, REMOTE_ADDR=ip, **extra)


def figures(article):
    rating = ArticleRating.objects.get(article=article)
    return rating.vote_count, rating.star_total


@pytest.mark.django_db
def test_a_vote_is_counted_and_the_reader_gets_the_new_figures(client):
    article = make_article()
    make_vote(article, stars=5)

    response = post_vote(client, article, 4, **JSON)

    assert response.status_code == 200
    data = response.json()
    assert data["vote_count"] == 2
    assert data["average"] == "4.5"
    assert "lượt đánh giá: <span data-vote-count>2</span>, trung bình: " in data["figures_html"]
    assert "<span data-average>4,5</span>" in data["figures_html"]
    assert figures(article) == (2, 9)


@pytest.mark.django_db
def test_the_voter_cookie_is_signed_http_only_and_lax(client, settings):
    settings.SESSION_COOKIE_SECURE = False
    article = make_article()

    response = post_vote(client, article, 3, **JSON)

    cookie = response.cookies["ratings_voter"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]
    voter_id = Vote.objects.get().voter_id
    assert cookie.value != voter_id and cookie.value.startswith(voter_id + ":")


@pytest.mark.django_db
def test_the_voter_cookie_is_secure_on_an_https_site(client, settings):
    settings.SESSION_COOKIE_SECURE = True
    article = make_article()

    response = post_vote(client, article, 3, secure=True, **JSON)

    cookie = response.cookies["__Host-ratings_voter"]
    assert cookie["secure"] and cookie["httponly"] and cookie["path"] == "/"


@pytest.mark.django_db
def test_a_second_vote_from_the_same_reader_changes_their_vote(client):
    article = make_article()
    post_vote(client, article, 2, **JSON)

    response = post_vote(client, article, 5, **JSON)

    assert response.json()["vote_count"] == 1
    assert figures(article) == (1, 5)
    assert Vote.objects.get().stars == 5


@pytest.mark.django_db
def test_a_forged_voter_cookie_counts_as_a_new_reader(client):
    article = make_article()
    post_vote(client, article, 2, **JSON)
    client.cookies["ratings_voter"] = "someone-elses-id:forged-signature"

    post_vote(client, article, 5, **JSON)

    assert figures(article) == (2, 7)


@pytest.mark.django_db
def test_one_ip_address_adds_only_a_few_readers_per_article_per_day(client, settings):
    settings.RATINGS_VOTES_PER_IP_PER_DAY = 3
    article = make_article()
    other_article = make_article()
    for _ in range(3):
        client.cookies.clear()
        assert post_vote(client, article, 5, **JSON).status_code == 200

    client.cookies.clear()
    response = post_vote(client, article, 5, **JSON)

    assert response.status_code == 429
    assert "quá nhiều lượt đánh giá" in response.json()["message"]
    assert figures(article) == (3, 15)
    # Other addresses and other articles are not affected.
    assert post_vote(client, article, 1, ip="198.51.100.99", **JSON).status_code == 200
    client.cookies.clear()
    assert post_vote(client, other_article, 1, **JSON).status_code == 200


@pytest.mark.django_db
def test_an_ipv6_reader_cannot_pass_the_limit_by_changing_address_within_their_network(
    client, settings
):
    settings.RATINGS_VOTES_PER_IP_PER_DAY = 2
    article = make_article()
    for ip in ["2001:db8:4:7::1", "2001:db8:4:7:a1b2:c3d4:e5f6:1"]:
        client.cookies.clear()
        assert post_vote(client, article, 5, ip=ip, **JSON).status_code == 200

    client.cookies.clear()
    another_address = post_vote(client, article, 5, ip="2001:db8:4:7:ffff::9", **JSON)
    client.cookies.clear()
    another_network = post_vote(client, article, 1, ip="2001:db8:4:8::1", **JSON)

    assert another_address.status_code == 429
    assert another_network.status_code == 200
    assert figures(article) == (3, 11)


@pytest.mark.django_db
def test_a_reader_at_the_ip_limit_may_still_change_their_own_vote(client, settings):
    settings.RATINGS_VOTES_PER_IP_PER_DAY = 1
    article = make_article()
    post_vote(client, article, 1, **JSON)

    response = post_vote(client, article, 4, **JSON)

    assert response.status_code == 200
    assert figures(article) == (1, 4)


@pytest.mark.django_db
def test_the_ip_limit_reads_forwarded_addresses_only_through_trusted_proxies(client, settings):
    settings.RATINGS_VOTES_PER_IP_PER_DAY = 1
    settings.TRUSTED_PROXY_COUNT = 0
    article = make_article()
    post_vote(client, article, 5, HTTP_X_FORWARDED_FOR="192.0.2.1", **JSON)
    client.cookies.clear()

    # A reader who forges X-Forwarded-For is still the same address.
    response = post_vote(client, article, 5, HTTP_X_FORWARDED_FOR="192.0.2.2", **JSON)

    assert response.status_code == 429
    assert Vote.objects.get().ip == "198.51.100.10"


@pytest.mark.django_db
@pytest.mark.parametrize("stars", ["0", "6", "abc", "", "4.5", "-1"])
def test_bad_stars_are_refused_with_a_clear_message_and_change_nothing(client, stars):
    article = make_article()
    make_vote(article, stars=3)

    response = post_vote(client, article, stars, **JSON)

    assert response.status_code == 400
    assert "từ 1 đến 5" in response.json()["message"]
    assert figures(article) == (1, 3)
    assert "ratings_voter" not in response.cookies


@pytest.mark.django_db
def test_bad_stars_without_javascript_show_the_feedback_page_with_the_message(client):
    article = make_article()

    response = post_vote(client, article, "6")

    assert response.status_code == 400
    assert "Số sao phải là một số từ 1 đến 5." in response.content.decode()
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_votes_on_a_missing_or_unpublished_article_are_refused(client):
    from news.models import Article

    draft = make_article(status=Article.Status.DRAFT)
    url = reverse("ratings:vote", kwargs={"slug": "khong-co-bai-nay"})

    missing = client.post(url, {"stars": 4}, **JSON)
    unpublished = post_vote(client, draft, 4, **JSON)

    assert missing.status_code == 404
    assert unpublished.status_code == 404
    assert "Không tìm thấy bài viết" in unpublished.json()["message"]
    assert not Vote.objects.exists() and not ArticleRating.objects.exists()


@pytest.mark.django_db
def test_voting_needs_a_post(client):
    article = make_article()

    assert client.get(vote_url(article)).status_code == 405


@pytest.mark.django_db
def test_voting_without_javascript_redirects_to_the_feedback_page_with_a_message(client):
    article = make_article()

    response = post_vote(client, article, 4, follow=True)

    feedback_url = reverse("ratings:feedback", kwargs={"slug": article.slug})
    assert response.redirect_chain == [(feedback_url, 302)]
    page = response.content.decode()
    assert "Cảm ơn bạn đã đánh giá bài viết." in page
    assert "lượt đánh giá: <span data-vote-count>1</span>" in page


@pytest.mark.django_db
def test_a_vote_needs_a_csrf_token(client):
    from django.test import Client

    article = make_article()
    strict_client = Client(enforce_csrf_checks=True)

    response = strict_client.post(vote_url(article), {"stars": 4}, **JSON)

    assert response.status_code == 403
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_the_token_endpoint_gives_a_token_that_lets_the_script_vote():
    from django.test import Client

    article = make_article()
    browser = Client(enforce_csrf_checks=True)
    token_response = browser.get(reverse("ratings:csrf"))
    assert "no-store" in token_response["Cache-Control"]

    response = browser.post(
        vote_url(article), {"stars": 4}, HTTP_X_CSRFTOKEN=token_response.json()["token"], **JSON
    )

    assert response.status_code == 200
    assert figures(article) == (1, 4)


@pytest.mark.django_db
def test_a_stored_vote_announces_that_the_article_feedback_changed(
    client, django_capture_on_commit_callbacks
):
    from ratings.signals import feedback_changed

    article = make_article()
    received = []

    def listener(article, **kwargs):
        received.append(article.pk)

    feedback_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            post_vote(client, article, 4, **JSON)
    finally:
        feedback_changed.disconnect(listener)

    assert received == [article.pk]


def test_the_average_is_rounded_half_up_to_one_decimal():
    rating = ArticleRating(vote_count=4, star_total=17)  # 4.25

    assert str(rating.average) == "4.3"
    assert rating.star_fills() == ["full", "full", "full", "full", "half"]
    assert str(ArticleRating().average) == "0.0"
