"""In a real browser: a citizen on a phone finds the open draft, comments on it (a mistyped
captcha first), a moderator approves the comment in the admin, and the citizen then reads it on
the draft's public page."""

import re
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from factories import make_consultation, make_unit
from journeys import conftest as journeys
from playwright.sync_api import expect

from consultations.models import ConsultationComment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The journeys' phone and screenshots, shared rather than written again here.
phone_page = journeys.phone_page
screenshot = journeys.screenshot

TEXT = "Đề nghị bỏ quy định cấm xe máy vào chợ sau 22 giờ.\nNhiều tiểu thương ở xa."


@pytest.fixture
def drafts():
    """An open draft among a finished and an upcoming one, as the list shows them."""
    now = timezone.now()
    market = make_unit(name="Phòng Kinh tế, Hạ tầng và Đô thị", slug="phong-kinh-te")
    make_consultation(
        title="Dự thảo Kế hoạch trồng cây xanh năm 2026",
        slug="ke-hoach-cay-xanh",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=2),
        unit=market,
    )
    make_consultation(
        title="Dự thảo Quy định giờ mở cửa nhà văn hóa",
        slug="gio-mo-cua-nha-van-hoa",
        opens_at=now + timedelta(days=3),
        closes_at=now + timedelta(days=20),
        unit=market,
    )
    return make_consultation(
        title="Dự thảo Quy chế quản lý chợ đêm",
        slug="quy-che-cho-dem",
        summary="Giờ họp chợ, chỗ để xe và việc giữ vệ sinh ở chợ đêm.",
        unit=market,
    )


def signed_in(browser, live_server, user):
    """A desk browser where ``user`` is signed in to the admin (the login itself has its own
    journeys: tests/journeys/test_staff_journey.py, test_two_factor_journey.py)."""
    staff = Client()
    staff.force_login(user)
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(10_000)
    session = staff.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context


def captcha_answer(page):
    key = page.locator("input[name=captcha_0]").input_value()
    return CaptchaStore.objects.get(hashkey=key).response


def test_a_citizen_on_a_phone_comments_on_an_open_draft_and_reads_it_once_approved(
    live_server, phone_page, browser, drafts, consultation_staff, screenshot
):
    page = phone_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # The list: the open draft is under "Đang lấy ý kiến", the others are not.
    page.goto(live_server.url + "/lay-y-kien/")
    open_now = page.get_by_role("region", name="Đang lấy ý kiến")
    expect(open_now.get_by_role("link")).to_have_text(["Dự thảo Quy chế quản lý chợ đêm"])
    expect(page.get_by_role("region", name="Sắp lấy ý kiến")).to_contain_text(
        "Dự thảo Quy định giờ mở cửa nhà văn hóa"
    )
    expect(page.get_by_role("region", name="Đã kết thúc")).to_contain_text(
        "Dự thảo Kế hoạch trồng cây xanh năm 2026"
    )
    open_now.get_by_role("link", name="Dự thảo Quy chế quản lý chợ đêm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dự thảo Quy chế quản lý chợ đêm")
    expect(page.locator(".phase")).to_have_text("Đang lấy ý kiến")
    expect(page.locator("[data-received-count]")).to_have_text("0")
    page.get_by_role("link", name="Gửi ý kiến góp ý").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gửi ý kiến góp ý")

    page.get_by_label("Họ và tên").fill("Phan Văn Lộc")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill("0913 222 444")
    page.get_by_label("Ý kiến góp ý").fill(TEXT)
    first_key = page.locator("input[name=captcha_0]").input_value()
    wrong = "0" * 5 if captcha_answer(page) != "0" * 5 else "1" * 5
    page.get_by_label("Mã xác thực").fill(wrong)
    page.get_by_role("button", name="Gửi ý kiến").click()

    # Refused in Vietnamese; everything typed is still there, the cursor waits in a new captcha.
    expect(page).to_have_title(re.compile("^Lỗi: Gửi ý kiến: Dự thảo Quy chế quản lý chợ đêm"))
    expect(page.locator(".error-summary")).to_contain_text("Mã xác thực không đúng.")
    expect(page.get_by_label("Mã xác thực")).to_be_focused()
    expect(page.get_by_label("Mã xác thực")).to_have_value("")
    expect(page.get_by_label("Họ và tên")).to_have_value("Phan Văn Lộc")
    expect(page.get_by_label("Thư điện tử hoặc số điện thoại")).to_have_value("0913 222 444")
    expect(page.get_by_label("Ý kiến góp ý")).to_have_value(TEXT)
    assert page.locator("input[name=captcha_0]").input_value() != first_key
    assert not ConsultationComment.objects.exists()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "consultation-comment-wrong-captcha-phone")

    # The right digits: back on the draft, told the comment waits for moderation.
    page.keyboard.type(captcha_answer(page))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(
        "Cảm ơn bạn, ý kiến của bạn đã được gửi và đang chờ kiểm duyệt trước khi công khai."
    )
    assert page.url == live_server.url + "/lay-y-kien/quy-che-cho-dem/"
    expect(page.locator("[data-received-count]")).to_have_text("1")
    public = page.get_by_role("region", name="Ý kiến đã công khai")
    expect(public).to_have_text("Ý kiến đã công khai Chưa có ý kiến nào được công khai.")
    screenshot(page, "consultation-comment-sent-phone")

    # Opened again later: now the page every reader gets, stored in the page cache ("miss": it
    # was rendered and kept), still without the comment.
    assert page.reload().headers["x-page-cache"] == "miss"
    expect(page.get_by_role("status")).to_have_count(0)
    expect(public).to_contain_text("Chưa có ý kiến nào được công khai.")

    # The moderator, at a desk, finds it waiting on the admin home and approves it.
    office = signed_in(browser, live_server, consultation_staff)
    try:
        admin = office.new_page()
        admin.goto(live_server.url + reverse("admin:index"))
        admin.get_by_role("link", name="1 ý kiến góp ý dự thảo chờ duyệt").click()
        row = admin.locator("#result_list tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Phan Văn Lộc")
        row.locator("input.action-select").check()
        admin.locator("select[name=action]").select_option(label="Duyệt các ý kiến đã chọn")
        admin.locator("button[name=index]").click()
        expect(admin.locator(".messagelist")).to_have_text("Đã cập nhật 1 ý kiến.")
    finally:
        office.close()
    assert ConsultationComment.objects.get().status == ConsultationComment.Status.APPROVED

    # The citizen opens the draft again: their comment is public, their phone number is not.
    page.reload()
    comment = public.get_by_role("listitem")
    expect(comment).to_have_count(1)
    expect(comment.locator(".comment-meta")).to_contain_text("Phan Văn Lộc")
    # Shown as written, line break included.
    assert comment.locator(".comment-text").inner_text() == TEXT
    expect(public).not_to_contain_text("Chưa có ý kiến nào được công khai.")
    expect(page.locator("main")).not_to_contain_text("0913 222 444")
    expect(page.locator("[data-received-count]")).to_have_text("1")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "consultation-comment-public-phone")
    assert errors == []
