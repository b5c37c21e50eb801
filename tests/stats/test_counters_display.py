"""The footer's counters, the starting total and the staff statistics page."""

import re
from datetime import date, timedelta

from django.core.cache import cache
from django.utils import timezone
from factories import make_article

from stats import services
from stats.charts import visits_chart
from stats.models import ArticleViews, DailyVisits, SiteCounter

from .conftest import BROWSER


def test_the_footer_shows_the_total_and_online_grouped_the_vietnamese_way(db, reader):
    make_article()
    SiteCounter.objects.create(starting_total=3_569_000)
    DailyVisits.add(timezone.localdate(), 11)
    reader.get("/")  # the twelfth visit
    cache.clear()

    response = reader.get("/")

    assert "Thống kê: 3.569.012" in response.text
    assert "Online: 1" in response.text


def test_the_starting_total_set_in_the_admin_is_added_to_the_counted_visits(
    db, admin_client, reader
):
    make_article()
    DailyVisits.add(timezone.localdate(), 12)
    response = admin_client.post(
        "/admin/stats/sitecounter/add/", {"starting_total": "3569000"}, follow=True
    )
    assert response.status_code == 200
    assert SiteCounter.load().total == 3_569_012

    page = reader.get("/")

    assert "Thống kê: 3.569.012" in page.text


def test_the_site_counter_is_a_single_row_staff_cannot_delete(db, admin_client):
    SiteCounter.load().save()

    assert admin_client.get("/admin/stats/sitecounter/add/").status_code == 403
    assert admin_client.get("/admin/stats/sitecounter/1/delete/").status_code == 403


def test_the_daily_series_has_every_day_with_zero_for_days_without_visits(db):
    today = date(2026, 11, 25)
    DailyVisits.add(today, 40)
    DailyVisits.add(today - timedelta(days=2), 7)
    DailyVisits.add(today - timedelta(days=40), 99)

    series = DailyVisits.objects.series(30, today)

    assert len(series) == 30
    assert series[0] == (today - timedelta(days=29), 0)
    assert series[-3:] == [
        (today - timedelta(days=2), 7),
        (today - timedelta(days=1), 0),
        (today, 40),
    ]


def test_visits_are_added_to_the_local_day(store, clock, reader, counted):
    make_article()
    # 23:30 in Hà Nội is still 16:30 UTC of the same day: the visit belongs to the local date.
    clock.now = timezone.make_aware(timezone.datetime(2026, 11, 25, 23, 30))
    reader.get("/")

    assert counted.visits() == 1
    assert DailyVisits.objects.get().date == date(2026, 11, 25)


def test_the_chart_has_a_bar_per_day_scaled_to_the_busiest_day():
    series = [
        (date(2026, 11, 1) + timedelta(days=n), visits) for n, visits in enumerate([0, 50, 100])
    ]

    svg = str(visits_chart(series, "Lượt truy cập"))

    assert svg.startswith("<svg") and svg.count('class="bar"') == 3
    assert 'height="0.00"' in svg and 'height="184.00"' in svg and 'height="92.00"' in svg
    assert "02/11/2026: 50 lượt truy cập" in svg
    assert 'aria-label="Lượt truy cập"' in svg


def test_the_statistics_page_shows_30_and_365_day_charts_and_the_most_read(db, admin_client):
    today = timezone.localdate()
    DailyVisits.add(today, 1234)
    DailyVisits.add(today - timedelta(days=100), 5)
    popular, quiet = make_article(title="Lễ hội đền Chợ Củi"), make_article(title="Họp tổ dân phố")
    ArticleViews.add(popular.pk, 2500)
    ArticleViews.add(quiet.pk, 3)

    response = admin_client.get("/admin/stats/dailyvisits/")

    html = response.text
    assert response.status_code == 200
    assert html.count('<svg class="stats-chart"') == 2
    assert html.count('class="bar"') == 30 + 365
    assert "30 ngày gần nhất: 1.234 lượt" in html
    assert "365 ngày gần nhất: 1.239 lượt" in html
    assert html.index("Lễ hội đền Chợ Củi") < html.index("Họp tổ dân phố")
    assert "2.500" in html


def test_the_statistics_page_is_for_staff_only(db, client, reader):
    assert client.get("/admin/stats/dailyvisits/").status_code == 302


def footer_and_views(page):
    """The footer's figures and, on an article page, its "Lượt xem"."""
    html = page.text
    found = re.findall(r"(Thống kê: [\d.]+|Online: [\d.]+|Lượt xem: [\d.]+)", html)
    return found


def test_pages_served_at_the_same_moment_show_the_same_figures(store, new_reader, counted):
    article = make_article()
    # Both pages cached with the figures of their own time: the home page first, then more
    # readers, then the article page.
    new_reader(f"{BROWSER} 0").get("/")
    for number in range(1, 4):
        new_reader(f"{BROWSER} {number}").get(article.get_absolute_url())
    counted.visits()
    # STATS_DISPLAY_CACHE_SECONDS later the figures are read again (the pages stay cached).
    for key in ("stats:counters", f"stats:article-views:{article.pk}"):
        cache.delete(key)
    services.forget_recent()

    home = new_reader().get("/")
    article_page = new_reader().get(article.get_absolute_url())

    assert home["X-Page-Cache"] == article_page["X-Page-Cache"] == "hit"
    assert footer_and_views(home) == ["Thống kê: 4", "Online: 4"]
    assert footer_and_views(article_page) == ["Lượt xem: 3", "Thống kê: 4", "Online: 4"]


def test_a_new_starting_total_shows_on_every_cached_page_at_once(db, admin_client, new_reader):
    article = make_article()
    for path in ("/", article.get_absolute_url()):
        new_reader().get(path)

    admin_client.post("/admin/stats/sitecounter/add/", {"starting_total": "3569000"})

    for path in ("/", article.get_absolute_url()):
        assert "Thống kê: 3.569.00" in new_reader().get(path).text, path
