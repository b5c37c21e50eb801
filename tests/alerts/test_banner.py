"""The urgent-alert banner on every public page: on cached pages at once, from its start time to
its end time with nobody touching it, announced to screen readers, and never a way into the page."""

import re
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from factories import make_alert, make_article

from alerts import blocks
from alerts.models import Alert

pytestmark = pytest.mark.django_db

BANNER = re.compile(r'<section class="alerts".*?</section>', re.S)
URGENT = Alert.Severity.EMERGENCY


@pytest.fixture
def home(client):
    """The home page, as an anonymous reader gets it: (status, cache state, HTML)."""
    make_article(title="Khánh thành cầu bê tông nối hai bờ kênh")

    def get():
        response = client.get("/")
        return response["X-Page-Cache"], response.content.decode()

    return get


@pytest.fixture
def clock(monkeypatch):
    """Stop the site's clock: ``clock()`` is now, ``clock(hours=3)`` three hours later, for
    every ``timezone.now()`` after it (cached pages and the alerts kept are left as they are)."""
    start = timezone.now()

    def move(**delta):
        moment = start + timedelta(**delta)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return move


def banner_text(html):
    found = BANNER.search(html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found.group(0))).strip() if found else ""


def without_banner(html):
    return BANNER.sub("", html)


def test_a_new_alert_shows_on_a_page_cached_before_it_with_the_rest_of_the_page_unchanged(home):
    before = home()
    assert "Mất điện" not in before[1]

    make_alert(text="Mất điện toàn thị xã từ 14 giờ đến 16 giờ để bảo dưỡng trạm biến áp.")
    after = home()

    assert after[0] == "hit"
    assert "Mất điện toàn thị xã từ 14 giờ đến 16 giờ" in banner_text(after[1])
    # The same cached page: no page was refreshed for the alert.
    assert without_banner(after[1]) == before[1]


def test_an_alert_shows_from_its_start_and_is_gone_at_its_end_with_no_edit(home, clock):
    now = clock()
    make_alert(
        text="Bão số 9 đổ bộ: hạn chế ra đường.",
        starts_at=now + timedelta(hours=1),
        ends_at=now + timedelta(hours=3),
    )
    home()  # the page is cached, and the alerts read, before it starts

    clock(minutes=59)
    state, html = home()
    assert state == "hit"
    assert "Bão số 9" not in html
    clock(hours=1)
    assert "Bão số 9 đổ bộ" in banner_text(home()[1])
    clock(hours=2, minutes=59)
    assert "Bão số 9 đổ bộ" in banner_text(home()[1])
    clock(hours=3)
    state, html = home()
    assert state == "hit"
    assert "Bão số 9" not in html
    assert 'class="alerts"' not in html


def test_the_banner_goes_away_at_its_end_on_the_real_clock(home):
    make_alert(text="Kiểm tra còi báo động lúc này.", ends_at=timezone.now() + timedelta(seconds=1))
    state, html = home()
    assert "Kiểm tra còi báo động" in banner_text(html)

    # At most a second; the page and the alerts this process keeps stay as they are.
    time.sleep(max(0, (Alert.objects.get().ends_at - timezone.now()).total_seconds()))
    state, html = home()

    assert state == "hit"
    assert "Kiểm tra còi báo động" not in html


def test_an_emergency_interrupts_a_screen_reader_and_the_others_wait_their_turn(home):
    make_alert(severity=URGENT, text="Lũ quét: sơ tán ngay khỏi bờ suối.")
    make_alert(severity=Alert.Severity.INFO, text="Lịch tiêm chủng mở rộng tháng này.")
    html = home()[1]

    assert re.search(
        r'role="alert"[^>]*>\s*<p class="alert-body">\s*<strong[^>]*>.*?Khẩn cấp:', html, re.S
    )
    assert re.search(
        r'role="status"[^>]*>\s*<p class="alert-body">\s*<strong[^>]*>.*?Thông tin:', html, re.S
    )
    # The banner is a named region at the top of the page, before the site's header.
    assert html.index('aria-label="Cảnh báo khẩn"') < html.index('<header class="site-header">')


def test_several_alerts_show_most_urgent_first_then_by_start(home):
    now = timezone.now()
    make_alert(
        severity=Alert.Severity.INFO, text="A: thông tin", starts_at=now - timedelta(hours=3)
    )
    make_alert(severity=URGENT, text="B: khẩn cấp muộn", starts_at=now - timedelta(minutes=1))
    make_alert(severity=URGENT, text="C: khẩn cấp sớm", starts_at=now - timedelta(hours=1))
    make_alert(severity=Alert.Severity.WARNING, text="D: cảnh báo")

    shown = banner_text(home()[1])

    assert [shown.index(text) for text in ("C:", "B:", "D:", "A:")] == sorted(
        shown.index(text) for text in ("C:", "B:", "D:", "A:")
    )


def test_the_detail_link_and_the_end_time_are_in_the_banner(home):
    make_alert(
        text="Cắt nước khu phố 2.",
        link="/chuyen-muc/thong-bao/",
        ends_at=timezone.make_aware(timezone.datetime(2099, 12, 5, 17, 0)),
    )
    html = home()[1]

    assert '<a class="alert-link" href="/chuyen-muc/thong-bao/">Xem chi tiết</a>' in html
    assert "(đến 05/12/2099 17:00)" in banner_text(html)


def test_alert_text_is_shown_as_text_never_as_markup(home):
    make_alert(
        text='<script>alert(1)</script><img src=x onerror="alert(2)"> & "nước"',
        link='/tim-kiem/?q="><script>alert(3)</script>',
    )
    html = home()[1]

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=" in html
    assert 'href="/tim-kiem/?q=&#34;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"' in html


def test_without_alerts_the_page_has_no_banner_and_no_banner_stylesheet(home):
    make_alert(text="Đã qua.", starts_at=timezone.now() - timedelta(days=2),
               ends_at=timezone.now() - timedelta(days=1))  # fmt: skip
    html = home()[1]

    assert 'class="alerts"' not in html
    assert "alerts.css" not in html
    assert "serve-time" not in html


def test_a_deleted_alert_is_gone_at_once(home):
    alert = make_alert(text="Nhầm: thông báo này đã được gỡ.")
    assert "Nhầm" in home()[1]

    alert.delete()

    assert "Nhầm" not in home()[1]


def test_staff_see_the_banner_on_pages_that_are_not_cached(client, editor):
    make_article()
    make_alert(text="Giông lốc chiều nay.")
    client.force_login(editor)

    response = client.get("/")

    assert "X-Page-Cache" not in response
    assert "Giông lốc chiều nay." in banner_text(response.content.decode())


def test_an_alerts_list_read_before_an_edit_was_committed_does_not_hide_the_edit(
    home, django_capture_on_commit_callbacks
):
    home()
    with django_capture_on_commit_callbacks(execute=True):
        make_alert(text="Triều cường dâng cao tối nay.")
        # Another server reads the alerts before the edit is committed, and keeps that list.
        cache.set(blocks.ALERTS_CACHE_KEY, [], blocks.ALERTS_CACHE_SECONDS)
        blocks._recent_alerts.clear()

    assert "Triều cường dâng cao" in banner_text(home()[1])


def test_the_alerts_are_read_once_and_not_on_every_serve(home, django_assert_num_queries):
    make_alert(text="Nắng nóng gay gắt.")
    home()
    blocks._recent_alerts.clear()  # as another process would: only the shared copy is left

    with django_assert_num_queries(0):
        assert "Nắng nóng gay gắt." in home()[1]
