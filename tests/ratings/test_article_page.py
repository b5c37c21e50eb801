"""The feedback block on the cached article page, and the uncached page behind it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories import make_article, make_comment, make_vote

WRITES = ("INSERT", "UPDATE", "DELETE")


def feedback_url(article):
    return reverse("ratings:feedback", kwargs={"slug": article.slug})


@pytest.mark.django_db
def test_the_article_shows_the_vote_count_and_the_average_the_vietnamese_way(client):
    article = make_article()
    for stars in [5] * 5 + [4] * 6 + [3]:  # 12 votes, 52 stars: 4.33
        make_vote(article, stars=stars)

    page = client.get(article.get_absolute_url()).content.decode()

    text = re.sub(r"<[^>]+>", "", page)
    assert re.search(r"Đánh giá:[★\s]+lượt đánh giá: 12, trung bình: 4,3", text)
    assert page.count("star star-full") == 4 and page.count("star star-half") == 1
    assert 'aria-label="Trung bình 4,3 trên 5 sao"' in page


@pytest.mark.django_db
def test_an_article_without_votes_shows_zero(client):
    article = make_article()

    page = client.get(article.get_absolute_url()).content.decode()

    assert (
        "lượt đánh giá: <span data-vote-count>0</span>, trung bình: <span data-average>0,0</span>"
        in page
    )
    assert "Chưa có bình luận nào." in page


def writes_during(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries if query["sql"].lstrip().upper().startswith(WRITES)]


@pytest.mark.django_db
def test_the_feedback_block_writes_nothing_even_on_the_first_view(client):
    article = make_article()

    writes = writes_during(client, article.get_absolute_url())

    assert [sql for sql in writes if "ratings_" in sql or "captcha_" in sql] == []


@pytest.mark.django_db
def test_viewing_an_article_performs_no_database_write(client):
    article = make_article()
    make_vote(article, stars=4)
    make_comment(article, status="approved")
    # The site's first request may set up site-wide rows (the visit counter); not per view.
    client.get(reverse("news:home"))

    assert writes_during(client, article.get_absolute_url()) == []
    assert writes_during(client, article.get_absolute_url()) == []


@pytest.mark.django_db
def test_the_article_page_is_the_same_for_every_reader(client):
    from captcha.models import CaptchaStore

    article = make_article()

    response = client.get(article.get_absolute_url())

    page = response.content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert 'name="captcha_0" value=""' in page or 'name="captcha_0"' in page
    assert not re.search(r'name="captcha_0" value="[0-9a-f]+"', page)
    assert not CaptchaStore.objects.exists()
    assert not response.cookies
    assert "<script>" not in page and " onclick=" not in page and " onsubmit=" not in page
    assert client.get(article.get_absolute_url()).content.decode() == page


@pytest.mark.django_db
def test_readers_without_javascript_are_sent_to_the_feedback_page(client):
    article = make_article()

    page = client.get(article.get_absolute_url()).content.decode()

    # The star form asks the feedback page, the comment form waits for the script.
    assert f'method="get" action="{feedback_url(article)}"' in page
    assert f'href="{feedback_url(article)}#viet-binh-luan"' in page
    assert re.search(r"<form[^>]*data-comment-form hidden>", page)


@pytest.mark.django_db
def test_the_feedback_page_has_working_forms_and_is_never_cached(client):
    from captcha.models import CaptchaStore

    article = make_article()

    response = client.get(feedback_url(article), {"stars": "4"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert page.count("csrfmiddlewaretoken") == 2
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', page).group(1)
    assert CaptchaStore.objects.filter(hashkey=key).exists()
    assert re.search(r'value="4"[^>]*checked', page)
    assert '<label for="id_captcha_1">Mã xác thực' in page
    assert 'alt="Ảnh mã xác thực' in page and 'alt="captcha"' not in page
    assert f'href="{article.get_absolute_url()}"' in page


@pytest.mark.django_db
def test_a_draft_preview_shows_no_feedback_block(admin_client):
    from news.models import Article

    draft = make_article(status=Article.Status.DRAFT)

    page = admin_client.get(draft.get_absolute_url()).content.decode()

    assert "data-feedback" not in page


@pytest.mark.django_db
def test_the_feedback_block_asks_nothing_more_when_no_comment_is_public(
    django_assert_num_queries,
):
    from news.models import Article
    from ratings.blocks import article_feedback

    article = make_article()
    make_vote(article)
    make_comment(article, status="pending")
    article = Article.objects.select_related("rating").get(pk=article.pk)

    with django_assert_num_queries(0):
        html = article_feedback(article)

    assert "Chưa có bình luận nào." in html


@pytest.mark.django_db
@pytest.mark.parametrize("votes", [0, 2])
def test_the_feedback_block_reads_only_the_approved_comments_when_the_rating_is_preloaded(
    django_assert_num_queries, votes
):
    from news.models import Article
    from ratings.blocks import article_feedback

    article = make_article()
    for _ in range(votes):
        make_vote(article)
    make_comment(article, status="approved")
    article = Article.objects.select_related("rating").get(pk=article.pk)

    with django_assert_num_queries(1):
        html = article_feedback(article)

    assert f"lượt đánh giá: <span data-vote-count>{votes}</span>" in html
