"""Editors post urgent alerts in the admin: wrong times or links are refused in Vietnamese with
everything typed kept, and the list says which alerts readers see now."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from factories import make_alert

from alerts.models import Alert

pytestmark = pytest.mark.django_db

ADD = reverse("admin:alerts_alert_add")
TYPED = "Cảnh báo lũ trên sông Kỳ Cùng: các hộ ven sông chuẩn bị di dời."


def form(**changes):
    data = {
        "severity": "3",
        "text": TYPED,
        "link": "/chuyen-muc/thong-bao/",
        "starts_at_0": "01/12/2026",
        "starts_at_1": "08:00",
        "ends_at_0": "02/12/2026",
        "ends_at_1": "08:00",
        "_save": "Lưu lại",
    }
    data.update(changes)
    return data


def test_an_editor_posts_an_alert_in_town_time(editor_client):
    response = editor_client.post(ADD, form())

    assert response.status_code == 302
    alert = Alert.objects.get()
    assert alert.severity == Alert.Severity.EMERGENCY
    assert timezone.localtime(alert.starts_at).strftime("%d/%m/%Y %H:%M") == "01/12/2026 08:00"


def test_an_end_before_the_start_is_refused_and_everything_typed_is_kept(editor_client):
    response = editor_client.post(ADD, form(ends_at_0="30/11/2026", ends_at_1="17:30"))

    assert response.status_code == 200
    assert not Alert.objects.exists()
    page = response.content.decode()
    assert "Thời điểm kết thúc phải sau thời điểm bắt đầu hiển thị." in page
    assert TYPED in page
    assert 'value="30/11/2026"' in page
    assert 'value="17:30"' in page
    assert 'value="/chuyen-muc/thong-bao/"' in page
    assert '<option value="3" selected>' in page


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "http://example.com/bao",
        "//example.com/bao",
        "/\\example.com/bao",
        "chuyen-muc/thong-bao/",
        "/tin tuc/",
    ],
)
def test_a_link_that_is_neither_a_page_here_nor_https_is_refused(editor_client, link):
    response = editor_client.post(ADD, form(link=link))

    assert response.status_code == 200
    assert not Alert.objects.exists()
    page = response.content.decode()
    assert "một trang của cổng (bắt đầu bằng “/”) hoặc một địa chỉ" in page
    assert TYPED in page


@pytest.mark.parametrize("link", ["", "/bai-viet/bao-so-9/", "https://nchmf.gov.vn/bao-so-9"])
def test_no_link_a_page_here_or_an_https_address_is_taken(editor_client, link):
    assert editor_client.post(ADD, form(link=link)).status_code == 302
    assert Alert.objects.get().link == link


def test_the_list_says_which_alerts_readers_see_now(editor_client):
    now = timezone.now()
    make_alert(text="Đang hiện: nắng nóng")
    make_alert(
        text="Sắp tới: bão", starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=2)
    )
    make_alert(
        text="Đã qua: rét đậm", starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1)
    )

    changelist = reverse("admin:alerts_alert_changelist")
    page = editor_client.get(changelist).content.decode()
    assert "đang hiển thị" in page.lower()
    # One of the three is shown now: one "yes" in the column.
    assert page.count("icon-yes.svg") == 1
    assert page.count("icon-no.svg") == 2
    shown = editor_client.get(changelist, {"trang_thai": "now"}).content.decode()
    later = editor_client.get(changelist, {"trang_thai": "later"}).content.decode()
    ended = editor_client.get(changelist, {"trang_thai": "ended"}).content.decode()

    assert "Đang hiện" in shown and "Sắp tới" not in shown and "Đã qua" not in shown
    assert "Sắp tới" in later and "Đang hiện" not in later
    assert "Đã qua" in ended and "Đang hiện" not in ended
