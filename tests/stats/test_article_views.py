"""An article's view count goes up once per reader per article per visit."""

from django.core.cache import cache
from factories import make_article

from stats.models import ArticleViews


def test_an_article_counts_one_view_per_reader_per_visit(store, clock, reader, counted):
    article = make_article()
    other = make_article()
    for _page in range(4):
        reader.get(article.get_absolute_url())
        reader.get(other.get_absolute_url())
        clock.advance(minutes=5)

    assert counted.views(article) == 1
    assert counted.views(other) == 1


def test_an_article_read_again_in_a_later_visit_counts_again(store, clock, reader, counted):
    article = make_article()
    reader.get(article.get_absolute_url())
    clock.advance(minutes=45)
    reader.get(article.get_absolute_url())

    assert counted.views(article) == 2
    assert counted.visits() == 2


def test_each_reader_adds_a_view(store, new_reader, counted):
    article = make_article()
    for number in range(3):
        browser = new_reader(f"Mozilla/5.0 Firefox/{120 + number}.0")
        browser.get(article.get_absolute_url())
        browser.get(article.get_absolute_url())

    assert counted.views(article) == 3


def test_an_article_opened_after_other_pages_in_the_visit_is_counted(store, clock, reader, counted):
    article = make_article()
    reader.get("/")
    clock.advance(seconds=10)
    reader.get(article.get_absolute_url())

    assert counted.visits() == 1
    assert counted.views(article) == 1


def test_a_draft_previewed_by_staff_gets_no_view(db, editor_client, counted):
    draft = make_article(status="draft")
    editor_client.defaults["HTTP_USER_AGENT"] = "Mozilla/5.0 Firefox/128.0"

    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    assert counted.views(draft) == 0


def test_the_article_page_shows_its_views_grouped_the_vietnamese_way(db, reader):
    article = make_article()
    ArticleViews.add(article.pk, 1234)
    cache.clear()

    response = reader.get(article.get_absolute_url())

    assert "Lượt xem: 1.234" in response.text
