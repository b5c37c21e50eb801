"""Bots, files, the admin, health checks, HEAD requests and error pages are not visits."""

import pytest
from django.conf import settings
from factories import make_article

BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Wget/1.21.3",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (compatible; Bytespider; spider-feedback@bytedance.com)",
    "",
]


@pytest.mark.parametrize("user_agent", BOTS)
def test_known_bots_and_tools_are_not_counted(store, new_reader, counted, user_agent):
    article = make_article()
    bot = new_reader(user_agent)
    response = bot.get(article.get_absolute_url())

    assert response.status_code == 200
    assert settings.STATS_COOKIE_NAME not in response.cookies
    assert counted.visits() == 0
    assert counted.views(article) == 0


def test_a_phone_whose_model_name_ends_in_bot_is_a_reader(db, new_reader, counted):
    make_article()
    new_reader("Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 Chrome/120.0").get("/")

    assert counted.visits() == 1


def test_headless_chrome_counts_when_the_bot_setting_leaves_it_out(
    db, settings, new_reader, counted
):
    settings.STATS_BOT_USER_AGENTS = r"googlebot|curl"
    make_article()
    new_reader(BOTS[5]).get("/")

    assert counted.visits() == 1


def test_static_media_admin_and_health_checks_are_not_counted(store, reader, counted):
    make_article()
    paths = [
        "/static/css/site.css",
        "/media/covers/anh.png",
        f"/{settings.ADMIN_URL}login/",
        "/healthz",
        "/robots.txt",
        "/rss/",
    ]
    for path in paths:
        response = reader.get(path)
        assert settings.STATS_COOKIE_NAME not in response.cookies, path

    assert counted.visits() == 0


def test_head_requests_and_missing_pages_are_not_counted(store, reader, counted):
    article = make_article()

    assert reader.head(article.get_absolute_url()).status_code == 200
    assert reader.get("/bai-viet/khong-co-bai-nay/").status_code == 404
    assert reader.post(article.get_absolute_url()).status_code == 405
    assert counted.visits() == 0


def test_prefetches_are_not_counted(store, reader, counted):
    make_article()
    reader.get("/", headers={"Sec-Purpose": "prefetch;prerender"})

    assert counted.visits() == 0


def test_nothing_is_counted_or_shown_when_counting_is_switched_off(db, settings, reader, counted):
    settings.STATS_ENABLED = False
    article = make_article()
    response = reader.get(article.get_absolute_url())

    assert settings.STATS_COOKIE_NAME not in response.cookies
    assert "Thống kê:" not in response.text
    assert "Lượt xem:" not in response.text
    assert counted.visits() == 0
