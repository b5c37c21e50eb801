"""Old presence rows go away; counts buffered in Redis reach the database exactly once."""

import time

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from factories import make_article

from stats import services
from stats.models import DailyVisits, FlushedBatch, Reader
from stats.stores import apply_batch, counter_store


def test_cleanstats_deletes_readers_whose_visit_is_over_and_keeps_current_ones(
    db, clock, new_reader, counted
):
    make_article()
    new_reader("Mozilla/5.0 Firefox/120.0").get("/")
    clock.advance(minutes=20)
    new_reader("Mozilla/5.0 Firefox/121.0").get("/")
    clock.advance(minutes=15)

    call_command("cleanstats")

    assert Reader.objects.count() == 1
    assert counted.visits() == 2


def test_a_reader_back_after_cleanup_starts_a_new_visit(db, clock, reader, counted):
    make_article()
    reader.get("/")
    clock.advance(hours=2)
    services.clean()
    reader.get("/")

    assert counted.visits() == 2


def test_old_batch_records_are_deleted(db, clock):
    FlushedBatch.objects.create(id="old")
    clock.advance(days=31)
    FlushedBatch.objects.create(id="recent")

    services.clean()

    assert list(FlushedBatch.objects.values_list("id", flat=True)) == ["recent"]


@pytest.fixture
def on_redis(db, redis_store):
    return counter_store()


def test_redis_counts_reach_the_database_only_when_flushed(on_redis, reader):
    make_article()
    reader.get("/")
    assert DailyVisits.objects.total() == 0

    call_command("flushstats")

    assert DailyVisits.objects.total() == 1


def test_a_flush_adds_each_batch_once_even_when_repeated(on_redis, new_reader):
    make_article()
    for number in range(3):
        new_reader(f"Mozilla/5.0 Firefox/{number}").get("/")

    assert services.flush() == 3
    assert services.flush() == 0
    assert DailyVisits.objects.total() == 3


def test_a_batch_saved_just_before_a_crash_is_not_added_again(on_redis, reader):
    make_article()
    reader.get("/")
    store = on_redis
    # Seal the pending counts as a flush does, save them, and "crash" before deleting the batch.
    store.seal_script(
        keys=[store.key("pending"), store.key("batches"), store.key("batch", "b1")], args=["b1"]
    )
    counts = {k.decode(): int(v) for k, v in store.client.hgetall(store.key("batch", "b1")).items()}
    assert apply_batch("b1", counts)

    store.flush()

    assert DailyVisits.objects.total() == 1
    assert not store.client.exists(store.key("batch", "b1"))


def test_requests_flush_the_buffer_at_most_every_few_seconds(on_redis, settings, new_reader):
    settings.STATS_FLUSH_SECONDS = 3
    make_article()
    services.forget_recent()  # this process's next flush is due in 3 s
    new_reader("Mozilla/5.0 Firefox/1").get("/")
    assert DailyVisits.objects.total() == 0
    time.sleep(3.1)

    new_reader("Mozilla/5.0 Firefox/2").get("/")
    assert DailyVisits.objects.total() == 2
    new_reader("Mozilla/5.0 Firefox/3").get("/")

    assert DailyVisits.objects.total() == 2
    assert services.flush() == 1


def test_a_failure_while_counting_never_breaks_the_page(db, monkeypatch, reader):
    article = make_article()

    def broken(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(counter_store(), "record", broken)
    response = reader.get(article.get_absolute_url())

    assert response.status_code == 200
    assert article.title in response.text
