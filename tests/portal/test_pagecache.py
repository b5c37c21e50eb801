"""The public page cache: served to every reader alike, fresh as soon as staff change something."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from factories import make_article, make_category

from core import pagecache
from news.models import Article
from sidebar import blocks as sidebar_blocks
from sidebar.models import WebsiteLink

pytestmark = pytest.mark.django_db


def test_second_reader_gets_the_article_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    article = make_article(title="Tin đã lưu đệm")
    first = client.get(article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_editing_an_article_shows_the_new_text_on_the_next_view(client):
    article = make_article(title="Tiêu đề cũ")
    client.get(article.get_absolute_url())
    client.get("/")
    article.title = "Tiêu đề mới đã sửa"
    article.save()
    assert "Tiêu đề mới đã sửa" in client.get(article.get_absolute_url()).content.decode()
    assert "Tiêu đề mới đã sửa" in client.get("/").content.decode()


def test_publishing_and_unpublishing_take_effect_at_once(client):
    category = make_category()
    draft = make_article(title="Bài sắp đăng", status=Article.Status.DRAFT, category=category)
    assert "Bài sắp đăng" not in client.get(category.get_absolute_url()).content.decode()
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert "Bài sắp đăng" in client.get(category.get_absolute_url()).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200
    draft.status = Article.Status.DRAFT
    draft.save()
    assert "Bài sắp đăng" not in client.get(category.get_absolute_url()).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_scheduled_article_appears_when_its_time_comes_without_any_edit(client):
    make_article(title="Bài đã đăng")
    # Three seconds ahead: a loaded machine must not reach the time before the first look.
    due = timezone.now() + timedelta(seconds=3)
    make_article(title="Bài hẹn giờ", published_at=due)
    assert "Bài hẹn giờ" not in client.get("/").content.decode()
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.1)
    assert "Bài hẹn giờ" in client.get("/").content.decode()


def test_a_sidebar_change_refreshes_every_page(client):
    article = make_article()
    client.get(article.get_absolute_url())
    WebsiteLink.objects.create(title="Cổng dịch vụ công", url="https://dichvucong.gov.vn")
    assert "Cổng dịch vụ công" in client.get(article.get_absolute_url()).content.decode()


def test_logged_in_staff_never_get_a_cached_page(client, editor):
    article = make_article()
    client.get(article.get_absolute_url())
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in response


def test_a_reader_with_a_message_waiting_gets_a_fresh_page(client):
    article = make_article()
    client.get(article.get_absolute_url())
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get(article.get_absolute_url())


def test_unknown_query_parameters_get_the_cached_page_without_a_new_copy(client):
    # tests/news/test_pages.py covers every cached page and the page numbers.
    article = make_article()
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    tagged = client.get(article.get_absolute_url() + "?utm_source=zalo")
    assert tagged["X-Page-Cache"] == "hit"


def test_a_browser_that_has_the_page_gets_304(client):
    article = make_article()
    first = client.get(article.get_absolute_url())
    assert first["ETag"] and "must-revalidate" in first["Cache-Control"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    feed = client.get("/rss/")
    assert client.get("/rss/", HTTP_IF_NONE_MATCH=feed["ETag"]).status_code == 304


@pytest.fixture
def local_versions(settings):
    """Each process reuses the page versions it read for a second, as in production."""
    settings.PAGE_CACHE_LOCAL_SECONDS = 1


def test_an_edit_made_in_this_process_shows_at_once_despite_the_local_versions(
    client, local_versions
):
    article = make_article(title="Tiêu đề cũ")
    client.get(article.get_absolute_url())

    article.title = "Tiêu đề mới đã sửa"
    article.save()

    assert "Tiêu đề mới đã sửa" in client.get(article.get_absolute_url()).content.decode()


def test_an_edit_made_through_another_server_shows_here_within_a_second(client, local_versions):
    article = make_article(title="Tin trước khi sửa")
    client.get(article.get_absolute_url())
    # Another server saved the article: the shared version moved, this process was not told.
    Article.objects.filter(pk=article.pk).update(title="Tin sau khi sửa")
    cache.set(pagecache.SITE_VERSION_KEY, time.time_ns(), timeout=None)
    assert "Tin trước khi sửa" in client.get(article.get_absolute_url()).content.decode()

    time.sleep(1.1)

    assert "Tin sau khi sửa" in client.get(article.get_absolute_url()).content.decode()


def test_a_sidebar_change_shows_at_once_despite_the_local_copies(client, local_versions):
    article = make_article()
    client.get(article.get_absolute_url())

    WebsiteLink.objects.create(title="Cổng dịch vụ công", url="https://dichvucong.gov.vn")

    assert "Cổng dịch vụ công" in client.get(article.get_absolute_url()).content.decode()


def test_a_sidebar_change_made_through_another_server_shows_here_within_a_second(
    client, local_versions
):
    article = make_article()
    client.get(article.get_absolute_url())
    # Another server added a link: it dropped the shared sidebar and moved the shared version.
    WebsiteLink.objects.bulk_create([WebsiteLink(title="Cổng dịch vụ công", url="https://a.vn")])
    cache.delete(sidebar_blocks.SIDEBAR_CACHE_KEY)
    cache.set(pagecache.SITE_VERSION_KEY, time.time_ns(), timeout=None)
    assert "Cổng dịch vụ công" not in client.get(article.get_absolute_url()).content.decode()

    time.sleep(1.1)

    assert "Cổng dịch vụ công" in client.get(article.get_absolute_url()).content.decode()
