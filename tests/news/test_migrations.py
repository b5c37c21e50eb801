"""Upgrading a portal on PostgreSQL: articles already written get the faster text compression."""

import pytest
from django.db import connection
from factories import make_article, make_old_article, migrate_to_latest, models_at

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

BEFORE = [("news", "0003_search_fts_sqlite")]
AFTER = [("news", "0004_lz4_text_compression")]
# Long enough for PostgreSQL to compress it (rows over about 2 kB).
LONG_BODY = "<p>" + "Nội dung bài viết về hội nghị giao ban của thị xã. " * 80 + "</p>"


def compression_of(article_id):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_compression(body), pg_column_compression(search_text) "
            "FROM news_article WHERE id = %s",
            [article_id],
        )
        return cursor.fetchone()


@pytest.fixture
def latest_schema_after():
    # AFTER is not the newest migration any more: the tests after this one need every column.
    yield
    migrate_to_latest()


@pytest.mark.django_db
def test_new_articles_store_their_long_texts_with_lz4():
    assert compression_of(make_article(body=LONG_BODY).pk) == ("lz4", "lz4")


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_rewrites_the_articles_already_there(latest_schema_after):
    article = make_old_article(models_at(BEFORE), body=LONG_BODY, search_text=LONG_BODY.lower())
    assert compression_of(article.pk) == ("pglz", "pglz")

    models_at(AFTER)

    assert compression_of(article.pk) == ("lz4", "lz4")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM news_article WHERE id = %s", [article.pk])
        assert cursor.fetchone()[0] == LONG_BODY
