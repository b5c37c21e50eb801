"""A visit is a reader's session: pages within 30 minutes of each other count once."""

from django.conf import settings
from factories import make_article

from .conftest import BROWSER

OTHER_BROWSER = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
)


def test_ten_pages_within_thirty_minutes_count_one_visit(store, clock, reader, counted):
    article = make_article()
    for _page in range(10):
        assert reader.get(article.get_absolute_url()).status_code == 200
        clock.advance(minutes=2)

    assert counted.visits() == 1


def test_a_reader_back_after_thirty_minutes_without_a_page_counts_a_second_visit(
    store, clock, reader, counted
):
    make_article()
    reader.get("/")
    clock.advance(minutes=29)
    reader.get("/")
    assert counted.visits() == 1

    clock.advance(minutes=31)
    reader.get("/")

    assert counted.visits() == 2


def test_a_reader_reading_steadily_for_two_hours_makes_one_visit(store, clock, reader, counted):
    make_article()
    for _page in range(12):
        reader.get("/")
        clock.advance(minutes=10)

    assert counted.visits() == 1


def test_different_readers_count_one_visit_each(store, new_reader, counted):
    make_article()
    for _number in range(3):
        browser = new_reader()
        browser.get("/")
        browser.get("/")

    assert counted.visits() == 3


def test_a_reader_who_refuses_cookies_counts_once_by_address_and_browser(
    store, clock, reader, counted
):
    make_article()
    for _page in range(5):
        reader.cookies.clear()
        reader.get("/")
        clock.advance(minutes=3)

    assert counted.visits() == 1


def test_the_cookie_given_on_the_first_page_carries_on_the_same_visit(
    store, clock, reader, counted
):
    make_article()
    first = reader.get("/")
    assert settings.STATS_COOKIE_NAME in first.cookies
    clock.advance(minutes=1)
    second = reader.get("/")

    assert settings.STATS_COOKIE_NAME not in second.cookies
    assert counted.visits() == 1


def test_two_readers_behind_one_address_with_the_same_browser_count_twice(
    store, new_reader, counted
):
    make_article()
    office_one, office_two = new_reader(), new_reader()
    office_one.get("/")
    office_two.get("/")
    office_one.get("/")
    office_two.get("/")

    assert counted.visits() == 2


def test_the_reader_cookie_is_http_only_lax_and_long_lived(db, reader):
    make_article()
    cookie = reader.get("/").cookies[settings.STATS_COOKIE_NAME]

    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == settings.STATS_COOKIE_MAX_AGE
    assert cookie["path"] == "/"


def test_counting_leaves_the_session_alone_and_adds_no_vary_cookie(db, reader):
    make_article()
    response = reader.get("/")

    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_pages_served_from_the_page_cache_are_counted_without_caching_the_cookie(
    store, new_reader, counted
):
    article = make_article()
    first, second = new_reader(BROWSER), new_reader(OTHER_BROWSER)
    miss = first.get(article.get_absolute_url())
    hit = second.get(article.get_absolute_url())

    assert hit["X-Page-Cache"] == "hit"
    assert counted.visits() == 2
    assert counted.views(article) == 2
    # Each reader got a cookie of their own: the cached page did not hand out the first one.
    first_id = miss.cookies[settings.STATS_COOKIE_NAME].value
    assert hit.cookies[settings.STATS_COOKIE_NAME].value != first_id


def test_a_revalidated_page_counts_like_a_full_one(store, clock, new_reader, reader, counted):
    article = make_article()
    reader.get(article.get_absolute_url())
    clock.advance(minutes=40)
    # The reader's browser holds the page as it is now (a crawler, not counted, fetches it).
    crawler = new_reader("Googlebot/2.1 (+http://www.google.com/bot.html)")
    current = crawler.get(article.get_absolute_url())

    again = reader.get(article.get_absolute_url(), headers={"If-None-Match": current["ETag"]})

    assert again.status_code == 304
    assert counted.visits() == 2
