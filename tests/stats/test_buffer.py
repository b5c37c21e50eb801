"""App processes buffer readers' page views and write them in batches, losing and doubling none."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import make_article

from stats import services
from stats.models import ArticleViews, DailyVisits, Reader
from stats.stores import DatabaseStore, counter_store
from stats.tracking import new_cookie_value


@pytest.fixture
def buffered(settings):
    # Long enough that the buffer's own thread never wakes during the test.
    settings.STATS_BUFFER_SECONDS = 3600
    yield
    counter_store().buffer.stop()


def returning_reader(new_reader):
    """A reader who already holds our cookie from an earlier visit."""
    browser = new_reader()
    browser.cookies[settings.STATS_COOKIE_NAME] = new_cookie_value()
    return browser


def test_returning_readers_pages_wait_in_the_buffer_until_it_is_written(db, buffered, new_reader):
    article = make_article()
    for _number in range(3):
        returning_reader(new_reader).get(article.get_absolute_url())
    assert DailyVisits.objects.total() == 0

    services.flush()

    assert DailyVisits.objects.total() == 3
    assert ArticleViews.of(article.pk) == 3


def test_a_first_page_without_our_cookie_is_counted_before_its_response(db, buffered, new_reader):
    make_article()

    new_reader().get("/")

    assert DailyVisits.objects.total() == 1


def count_batch_queries(new_reader, article, readers):
    for _number in range(readers):
        returning_reader(new_reader).get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        services.flush()
    return len(queries)


def test_a_batch_costs_the_same_few_queries_for_two_readers_or_forty(db, buffered, new_reader):
    few = count_batch_queries(new_reader, make_article(), readers=2)
    many = count_batch_queries(new_reader, make_article(), readers=40)

    # The first batch of the day also creates the day's row.
    assert many <= few <= 15
    assert DailyVisits.objects.total() == 42


def test_batches_of_two_processes_for_one_reader_count_one_visit(db):
    article = make_article()
    now = timezone.now()
    first_process, second_process = DatabaseStore(), DatabaseStore()
    page = ("c:one-reader-on-two-servers", "h:same-address", article.pk)

    first_process.write_batch([(*page, now)])
    # The other process served this reader's earlier page but writes its batch later.
    second_process.write_batch([(*page, now - timedelta(seconds=1))])

    assert DailyVisits.objects.total() == 1
    assert ArticleViews.of(article.pk) == 1
    assert Reader.objects.get().last_seen_at == now


def test_page_views_a_failed_write_could_not_save_are_written_next_time(
    db, buffered, new_reader, monkeypatch
):
    make_article()
    returning_reader(new_reader).get("/")
    store = counter_store()
    write = store.buffer.write

    def database_down(items):
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(store.buffer, "write", database_down)
    with pytest.raises(DatabaseError):
        store.drain()
    monkeypatch.setattr(store.buffer, "write", write)
    store.drain()

    assert DailyVisits.objects.total() == 1


@pytest.mark.django_db(transaction=True)
def test_the_buffer_is_written_by_its_own_thread_within_seconds(settings, new_reader):
    settings.STATS_BUFFER_SECONDS = 0.2
    make_article()
    buffer = counter_store().buffer
    returning_reader(new_reader).get("/")
    assert buffer.pending

    # Watched in memory: the test's in-memory SQLite refuses a read while the thread writes.
    deadline = time.monotonic() + 10
    while buffer.pending and time.monotonic() < deadline:
        time.sleep(0.05)
    picked_up_by_the_thread = not buffer.pending
    buffer.stop()  # waits for the thread to finish its write

    assert picked_up_by_the_thread
    assert DailyVisits.objects.total() == 1
