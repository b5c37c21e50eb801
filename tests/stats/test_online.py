"""The online counter: distinct readers seen in the last five minutes."""

from factories import make_article

from .conftest import BROWSER


def test_online_counts_distinct_readers_seen_in_the_last_five_minutes(
    store, clock, new_reader, counted
):
    make_article()
    early = new_reader(BROWSER + " early")
    early.get("/")
    clock.advance(minutes=3)
    for number in range(3):
        new_reader(f"{BROWSER} {number}").get("/")
    assert counted.online() == 4

    clock.advance(minutes=3)

    assert counted.online() == 3


def test_a_reader_reading_on_stays_online(store, clock, reader, counted):
    make_article()
    for _page in range(10):
        reader.get("/")
        clock.advance(minutes=2)

    assert counted.online() == 1


def test_a_reader_is_online_once_however_many_pages(store, reader, counted):
    article = make_article()
    for _page in range(5):
        reader.get("/")
        reader.get(article.get_absolute_url())

    assert counted.online() == 1


def test_the_online_window_is_a_setting(store, settings, clock, reader, counted):
    settings.STATS_ONLINE_SECONDS = 60
    make_article()
    reader.get("/")
    clock.advance(seconds=59)
    assert counted.online() == 1

    clock.advance(seconds=2)

    assert counted.online() == 0
