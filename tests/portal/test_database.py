"""PostgreSQL: a restart costs no reader an error page, checking for it costs no query, and the
article page's queries are prepared by the server once per connection."""

import os
import time
import uuid

import pytest
from django.db import connection, connections
from factories import make_article, make_category
from liveservers import AppServers, get, shared_database_url

from news.models import RELATED_ARTICLES
from news.selectors import public_article

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def end_every_other_session():
    """What a database restart does to the app's connections: the server closes them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.rowcount


def test_a_connection_the_server_ended_is_seen_without_a_query():
    other = connections.create_connection("default")
    try:
        other.ensure_connection()
        assert other.is_usable()
        with other.cursor() as cursor:
            cursor.execute("SELECT 1")
        queries_before = len(other.queries_log)

        assert end_every_other_session() >= 1

        # The server's process ends a moment after it is told to.
        deadline = time.monotonic() + 5
        while other.is_usable() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not other.is_usable()
        assert len(other.queries_log) == queries_before
    finally:
        other.close()


def test_readers_get_pages_right_after_the_database_ended_every_connection(tmp_path):
    article = make_article(title="Tin sau khi khởi động lại")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY="database-test-" + uuid.uuid4().hex,
        DATABASE_URL=shared_database_url(),
        # Workers keep their connections between requests, as in production.
        DATABASE_CONN_MAX_AGE="600",
    )
    env.pop("REDIS_URL", None)
    with AppServers(env, count=1, workers=2).start(tmp_path) as servers:
        [port] = servers.ports
        # Both workers hold a connection; "?fresh" skips the page cache, so each reads the DB.
        for number in range(6):
            assert get(port, f"{article.get_absolute_url()}?fresh={number}")[0] == 200

        assert end_every_other_session() >= 1

        statuses = [
            get(port, f"{article.get_absolute_url()}?after={number}")[0] for number in range(6)
        ]
    assert statuses == [200] * 6


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, generic_plans + custom_plans FROM pg_prepared_statements")
        return dict(cursor.fetchall())


def test_the_server_prepares_an_article_page_query_once_per_connection():
    category = make_category()
    article = make_article(category=category)
    others = [make_article(category=category) for _ in range(3)]
    connection.close()
    expected = list(reversed([other.pk for other in others]))

    assert [a.pk for a in article.related()] == expected
    assert [a.pk for a in article.related()] == expected

    assert prepared_statements() == {RELATED_ARTICLES.name: 2}
    # A new session has none; the next call prepares it again.
    connection.close()
    assert [a.pk for a in article.related()] == expected
    assert prepared_statements() == {RELATED_ARTICLES.name: 1}


def test_prepared_statements_can_be_left_to_the_client_for_a_pooler(settings):
    article = make_article()
    connection.close()
    connection.settings_dict["PREPARED_STATEMENTS"] = False
    try:
        assert public_article(slug=article.slug).pk == article.pk
        assert prepared_statements() == {}
    finally:
        connection.settings_dict["PREPARED_STATEMENTS"] = True
