"""Article rules: Vietnamese slugs, sanitised bodies, who may see what, accent-free search."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from factories import make_article, make_category
from threads import run_at_once

from core import slugs
from core.text import fold, vietnamese_slugify
from news.models import Article

pytestmark = pytest.mark.django_db


def test_vietnamese_title_becomes_a_readable_slug():
    assert vietnamese_slugify("Đồng chí Lê Thành Đông") == "dong-chi-le-thanh-dong"
    assert (
        vietnamese_slugify("Hội nghị giao ban Quý I năm 2023") == "hoi-nghi-giao-ban-quy-i-nam-2023"
    )


def test_article_gets_its_slug_from_the_title_and_never_a_duplicate():
    first = make_article(title="Lễ hội Đền Củi")
    second = make_article(title="Lễ hội đền Củi")
    assert first.slug == "le-hoi-den-cui"
    assert second.slug == "le-hoi-den-cui-2"


def test_folding_removes_every_vietnamese_accent():
    assert fold("ĐƯỜNG Hồ Chí Minh, phường Bắc Hồng") == "duong ho chi minh, phuong bac hong"


def test_body_keeps_staff_formatting_but_not_scripts():
    article = make_article(
        body=(
            '<p style="text-align:center;position:fixed">Chào <strong>bà con</strong></p>'
            '<script>alert("x")</script>'
            '<img src="/media/editor/a.png" alt="Ảnh" onerror="alert(1)" width="300">'
            '<a href="javascript:alert(1)">bấm</a> <a href="https://chinhphu.vn">Chính phủ</a>'
            "<table><tr><td>Ô 1</td></tr></table>"
        )
    )
    body = Article.objects.get(pk=article.pk).body
    assert "<strong>bà con</strong>" in body
    assert 'style="text-align:center"' in body
    assert '<img src="/media/editor/a.png" alt="Ảnh" width="300">' in body
    assert "<table>" in body and "<td>Ô 1</td>" in body
    assert 'href="https://chinhphu.vn"' in body
    for forbidden in ("<script", "onerror", "javascript:", "position"):
        assert forbidden not in body


def test_only_published_articles_whose_time_has_come_are_public():
    now = timezone.now()
    public = make_article(published_at=now - timedelta(minutes=1))
    make_article(status=Article.Status.DRAFT)
    make_article(published_at=now + timedelta(days=1))
    assert list(Article.objects.published()) == [public]


def test_search_finds_vietnamese_text_with_or_without_accents():
    meeting = make_article(title="Hội nghị giao ban quý III", lead="Thường trực Thị ủy chủ trì.")
    make_article(title="Khai giảng năm học mới", body="<p>Các trường đã sẵn sàng.</p>")
    for query in ("hoi nghi", "Hội nghị", "HOI NGHI", "thi uy chu tri", "giao   ban"):
        assert list(Article.objects.published().search(query)) == [meeting], query


def test_search_needs_every_word_and_ignores_empty_queries():
    make_article(title="Hội nghị giao ban")
    assert not Article.objects.search("hoi nghi nong dan").exists()
    assert not Article.objects.search("   ").exists()


def test_search_reads_the_body_text_not_its_markup():
    article = make_article(body='<p class="lua-chon">Trồng lúa <em>hữu cơ</em></p>')
    assert list(Article.objects.search("lua huu co")) == [article]
    assert not Article.objects.search("lua-chon").exists()


def test_latest_per_category_gives_each_category_its_newest_articles():
    now = timezone.now()
    news, culture = make_category(), make_category()
    newest = [make_article(category=news, published_at=now - timedelta(hours=h)) for h in (1, 2)]
    make_article(category=news, published_at=now - timedelta(hours=3))
    only = make_article(category=culture)
    latest = Article.objects.published().latest_per_category(2)
    assert sorted(a.pk for a in latest) == sorted([*(a.pk for a in newest), only.pk])


def test_related_articles_are_the_five_newest_other_public_ones_of_its_category():
    now = timezone.now()
    category = make_category()
    article = make_article(category=category, published_at=now - timedelta(hours=1))
    older = [
        make_article(category=category, published_at=now - timedelta(hours=hours))
        for hours in range(2, 8)
    ]
    make_article(category=category, status=Article.Status.DRAFT)
    make_article(category=category, published_at=now + timedelta(hours=1))
    make_article(category=make_category(), published_at=now)

    assert [a.pk for a in article.related()] == [a.pk for a in older[:5]]


def test_an_article_whose_slug_another_editor_just_took_gets_the_next_one(monkeypatch):
    first = make_article(title="Hội nghị giao ban")
    real_unique_slug = slugs.unique_slug
    calls = []

    def free_a_moment_ago(*args):
        # The slug was free when this article was given it; another editor's article took it.
        calls.append(args)
        return first.slug if len(calls) == 1 else real_unique_slug(*args)

    monkeypatch.setattr(slugs, "unique_slug", free_a_moment_ago)

    second = make_article(title="Hội nghị giao ban", body="<p>Nội dung của người thứ hai.</p>")

    assert (first.slug, second.slug) == ("hoi-nghi-giao-ban", "hoi-nghi-giao-ban-2")
    assert Article.objects.get(slug="hoi-nghi-giao-ban-2").body == second.body


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_editors_saving_articles_with_one_title_at_once_all_get_their_own_slug():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    category = make_category()

    run_at_once(8, lambda n: make_article(title="Lịch tiếp công dân", category=category))

    slugs = sorted(
        Article.objects.filter(title="Lịch tiếp công dân").values_list("slug", flat=True)
    )
    assert len(slugs) == 8 and len(set(slugs)) == 8
