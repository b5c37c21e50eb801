"""The banner in a real browser: seen on a 360 px phone, announced by screen readers, and
readable (contrast of at least 4.5:1) at every severity."""

import pytest
from factories import make_alert, make_article
from playwright.sync_api import expect

from alerts.models import Alert

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    Alert.Severity.EMERGENCY: "Lũ quét trên suối Nậm Pàn: sơ tán ngay.",
    Alert.Severity.WARNING: "Mưa lớn kéo dài, đề phòng sạt lở.",
    Alert.Severity.INFO: "Tạm ngừng cấp nước khu phố 3.",
}


def luminance(css_color):
    """WCAG relative luminance of an ``rgb(r, g, b)`` colour as getComputedStyle writes it."""
    red, green, blue = (
        int(part) for part in css_color[css_color.index("(") + 1 : -1].split(",")[:3]
    )

    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(foreground, background):
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    yield context.new_page()
    context.close()


def test_on_a_360px_phone_every_alert_is_seen_announced_and_readable(live_server, phone):
    make_article()
    for severity, text in TEXTS.items():
        make_alert(severity=severity, text=text, link="/tim-kiem/")
    phone.goto(live_server.url + "/")
    phone.goto(live_server.url + "/")  # the cached page, as most readers get it

    urgent = phone.get_by_role("alert")
    expect(urgent).to_have_count(1)
    expect(urgent).to_be_visible()
    expect(urgent).to_contain_text("Khẩn cấp: " + TEXTS[Alert.Severity.EMERGENCY])
    statuses = phone.get_by_role("status")
    expect(statuses.filter(has_text=TEXTS[Alert.Severity.WARNING])).to_be_visible()
    expect(statuses.filter(has_text=TEXTS[Alert.Severity.INFO])).to_be_visible()
    expect(phone.get_by_role("region", name="Cảnh báo khẩn")).to_be_visible()

    for alert in phone.locator(".alert").all():
        box = alert.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, "cut off or scrolls sideways"
        colours = alert.evaluate(
            "a => [getComputedStyle(a).color, getComputedStyle(a).backgroundColor,"
            " getComputedStyle(a.querySelector('.alert-link')).color]"
        )
        text, background, link = colours
        assert background != "rgba(0, 0, 0, 0)", "the banner's stylesheet did not load"
        assert contrast(text, background) >= 4.5
        assert contrast(link, background) >= 4.5
        expect(alert.get_by_role("link", name="Xem chi tiết")).to_be_visible()
    # Above the site's header: the first thing on the page.
    header_top = phone.locator(".site-header").bounding_box()["y"]
    assert phone.locator(".alerts").bounding_box()["y"] < header_top
