"""PostgreSQL: a restart costs no reader an error page, even one whose request is in flight;
checking for it costs no query, and the article page's queries are prepared by the server once
per connection."""

import os
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection, connections
from factories import make_article, make_category
from liveservers import PROJECT, AppServers, get, shared_database_url

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
    with AppServers(live_env(), count=1, workers=2).start(tmp_path) as servers:
        [port] = servers.ports
        # Both workers hold a connection; "?fresh" skips the page cache, so each reads the DB.
        for number in range(6):
            assert get(port, f"{article.get_absolute_url()}?fresh={number}")[0] == 200

        assert end_every_other_session() >= 1

        statuses = [
            get(port, f"{article.get_absolute_url()}?after={number}")[0] for number in range(6)
        ]
    assert statuses == [200] * 6


def live_env(**more):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY="database-test-" + uuid.uuid4().hex,
        DATABASE_URL=shared_database_url(),
        # Workers keep their connections between requests, as in production.
        DATABASE_CONN_MAX_AGE="600",
        # The site's URLs plus slow views (tests/faultviews.py).
        DJANGO_ROOT_URLCONF="faultviews",
        PYTHONPATH=str(PROJECT / "tests"),
        **more,
    )
    env.pop("REDIS_URL", None)
    return env


def end_the_session_running(text):
    """The server process running a query that contains ``text``, once it runs, is ended."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND state = 'active' AND query LIKE %s",
                [f"%{text}%"],
            )
            ended = [pid for pid, done in cursor.fetchall() if done]
        if ended:
            return ended[0]
        time.sleep(0.02)
    raise AssertionError(f"no query with {text!r} ran")


def get_while(port, path, fault):
    """GET ``path`` while ``fault()`` runs in this thread: (status, body, what fault returned)."""
    answer = {}

    def reader():
        status, _response, body = get(port, path)
        answer.update(status=status, body=body.decode())

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        result = fault()
    finally:
        thread.join(30)
    return answer["status"], answer["body"], result


def test_a_reader_whose_connection_is_ended_mid_query_gets_the_page_from_a_new_one(tmp_path):
    with AppServers(live_env(), count=1, workers=1).start(tmp_path) as servers:
        [port] = servers.ports
        status, body, ended_pid = get_while(
            port, "/__faults__/slow-read?seconds=1", lambda: end_the_session_running("pg_sleep")
        )
    assert status == 200
    # The page was read again, by another server process than the one that was ended.
    assert int(body) != ended_pid
    log = next(Path(tmp_path).glob("gunicorn-*.log")).read_text()
    assert log.count("The database connection was lost during the page") == 1


def test_a_get_that_wrote_before_its_connection_ended_is_not_run_again(tmp_path):
    with AppServers(live_env(), count=1, workers=1).start(tmp_path) as servers:
        [port] = servers.ports
        status, _body, _pid = get_while(
            port,
            "/__faults__/slow-read-after-a-write?seconds=1",
            lambda: end_the_session_running("pg_sleep"),
        )
        # The next reader is served as usual.
        after = get(port, "/healthz")
    assert status == 500
    assert after[0] == 200
    log = next(Path(tmp_path).glob("gunicorn-*.log")).read_text()
    assert "The database connection was lost during the page" not in log


def test_ending_the_apps_connections_under_load_costs_no_reader_an_error_page(tmp_path):
    """What a database restart or failover does to requests in flight, round after round.

    Before each round the test waits until every request in flight at the last round has ended,
    so no request meets two rounds: one lost connection per request is what is promised.
    """
    category = make_category()
    articles = [make_article(category=category) for _ in range(5)]
    statuses = []
    finished = {}
    stop = threading.Event()

    def reader(number, port):
        # A new query string each time: the page cache is skipped, every page reads the database.
        for request in range(10_000):
            if stop.is_set():
                return
            article = articles[request % len(articles)]
            path = f"{article.get_absolute_url()}?reader={number}-{request}"
            if request % 4 == 0:
                # A slower read, so that some connections are ended in the middle of a query.
                path = "/__faults__/slow-read?seconds=0.05"
            statuses.append(get(port, path)[0])
            finished[number] = request + 1

    def wait_for_requests_in_flight():
        seen = dict(finished)
        deadline = time.monotonic() + 30
        while any(finished.get(n, 0) <= seen.get(n, 0) for n in range(len(readers))):
            assert time.monotonic() < deadline, "a reader's request did not end"
            time.sleep(0.05)

    with AppServers(live_env(), count=2, workers=2).start(tmp_path) as servers:
        ended = 0
        readers = [
            threading.Thread(target=reader, args=(number, port))
            for number, port in enumerate(servers.ports * 3)
        ]
        for thread in readers:
            thread.start()
        try:
            for _round in range(8):
                wait_for_requests_in_flight()
                time.sleep(0.2)
                ended += end_every_other_session()
            wait_for_requests_in_flight()
        finally:
            stop.set()
            for thread in readers:
                thread.join(30)
    logs = "".join(path.read_text() for path in Path(tmp_path).glob("gunicorn-*.log"))
    errors = [status for status in statuses if status != 200]
    print(f"{len(statuses)} pages, {ended} connections ended, {len(errors)} errors")
    assert ended >= 8
    # Some requests were in flight when their connection was ended, and were served anyway.
    assert "The database connection was lost during the page" in logs
    assert errors == []


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
