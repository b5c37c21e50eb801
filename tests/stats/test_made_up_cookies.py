"""Only reader cookies the site issued count; made-up ones and cookie-less floods cannot inflate
the visit counter beyond what one address block may bring in a minute."""

import itertools
import secrets

from django.conf import settings
from factories import make_article

from stats.tracking import issued_reader_id, new_cookie_value

from .conftest import BROWSER


def test_200_made_up_reader_cookies_from_one_address_count_one_visit(store, new_reader, counted):
    make_article()
    for number in range(200):
        browser = new_reader()
        # Well-formed: the old unsigned shape, and the signed shape with a tag of its own.
        made_up = secrets.token_urlsafe(16)
        if number % 2:
            made_up += "." + secrets.token_urlsafe(12)
        browser.cookies[settings.STATS_COOKIE_NAME] = made_up
        assert browser.get("/").status_code == 200

    assert counted.visits() == 1


def test_a_made_up_cookie_is_replaced_by_one_the_site_signed(db, reader):
    make_article()
    reader.cookies[settings.STATS_COOKIE_NAME] = secrets.token_urlsafe(16)

    given = reader.get("/").cookies[settings.STATS_COOKIE_NAME].value

    assert issued_reader_id(given) is not None


def test_a_cookie_signed_with_another_sites_key_is_no_cookie(db):
    forged = new_cookie_value(secret="another-site-secret-key-" + "x" * 40)

    assert issued_reader_id(forged) is None
    assert issued_reader_id(new_cookie_value()) is not None


def test_readers_keep_their_visit_when_the_secret_key_is_rotated(store, settings, reader, counted):
    make_article()
    reader.get("/")
    reader.get("/")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "y" * 50

    page = reader.get("/")

    assert settings.STATS_COOKIE_NAME not in page.cookies
    assert counted.visits() == 1


_builds = itertools.count()


def rotating_user_agents(new_reader, pages, address="203.0.113.9"):
    """Pages without cookies from one address, each with a user agent never seen before."""
    for _page in range(pages):
        browser = new_reader(f"{BROWSER} build/{next(_builds)}")
        assert browser.get("/", REMOTE_ADDR=address).status_code == 200


def test_new_readers_beyond_the_cap_of_an_address_block_count_as_one_that_minute(
    store, settings, clock, new_reader, counted
):
    settings.STATS_NEW_READERS_PER_IP_BLOCK_PER_MINUTE = 20
    make_article()
    clock.now = clock.now.replace(second=0)

    rotating_user_agents(new_reader, 100)

    assert counted.visits() == 20 + 1
    rotating_user_agents(new_reader, 5, address="198.51.100.7")
    assert counted.visits() == 21 + 5
    clock.advance(minutes=1)
    rotating_user_agents(new_reader, 5)
    assert counted.visits() == 26 + 5


def test_the_default_cap_lets_a_commune_behind_one_nat_bring_200_new_readers_a_minute(
    db, clock, new_reader, counted
):
    make_article()
    clock.now = clock.now.replace(second=0)

    rotating_user_agents(new_reader, 200, address="100.64.12.34")

    assert counted.visits() == 200


def test_beyond_the_cap_no_cookie_is_given_that_could_start_another_visit(
    db, settings, clock, new_reader
):
    settings.STATS_NEW_READERS_PER_IP_BLOCK_PER_MINUTE = 1
    make_article()
    clock.now = clock.now.replace(second=0)
    first, second = new_reader(), new_reader()

    assert settings.STATS_COOKIE_NAME in first.get("/").cookies
    assert settings.STATS_COOKIE_NAME not in second.get("/").cookies
