"""An editor's first login once two-factor login is required: enrol an app, keep the recovery
codes, and log in again with a code, in a real browser under the production CSP."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from staff_login import PASSWORD, totp_code, totp_for_secret

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("two_factor_required"),
]


def password_step(page, live_server, username):
    page.goto(live_server.url + reverse("admin:login"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()


def test_first_login_enrols_an_authenticator_app_and_the_next_login_asks_for_a_code(
    live_server, page, editor, screenshot
):
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
    # The browser's own favicon request is no page resource; a CSP refusal is a console error.
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text
        and problems.append(message.text),
    )

    password_step(page, live_server, editor.username)
    expect(page.locator("h1")).to_have_text("Thiết lập xác thực hai bước")
    qr = page.get_by_role("img", name="Mã QR để thêm tài khoản bientap vào ứng dụng xác thực")
    expect(qr).to_be_visible()
    # The data: image was allowed by the CSP and decoded.
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")
    screenshot(page, "twofactor-enrol")

    # A screen-reader user types the secret into their app instead of scanning.
    secret = page.locator("#secret").inner_text()
    page.get_by_label("Mã xác thực").fill(totp_for_secret(secret))
    page.get_by_role("button", name="Xác nhận và tiếp tục").click()

    expect(page.locator("[role=status]")).to_have_text("Đã thiết lập xong xác thực hai bước.")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    screenshot(page, "twofactor-recovery-codes")
    page.get_by_role("link", name="Đã cất mã, vào trang quản trị").click()
    expect(page.locator("#user-tools")).to_contain_text(editor.username)

    page.locator("#logout-form button").click()
    password_step(page, live_server, editor.username)
    expect(page.locator("h1")).to_have_text("Nhập mã xác thực")
    # The code the phone shows half a minute later (the first one is spent).
    device = TOTPDevice.objects.get(user=editor, confirmed=True)
    page.get_by_label("Mã xác thực").fill(totp_code(device, steps_ahead=1))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.locator("#user-tools")).to_contain_text(editor.username)
    assert not problems, problems


def test_a_phone_user_sees_a_vietnamese_refusal_for_a_wrong_code(
    live_server, phone_page, editor
):
    from staff_login import enrol

    device, _ = enrol(editor)
    password_step(phone_page, live_server, editor.username)
    right = totp_code(device)
    phone_page.get_by_label("Mã xác thực").fill("123456" if right != "123456" else "654321")
    phone_page.get_by_role("button", name="Xác nhận").click()
    expect(phone_page.get_by_role("alert")).to_contain_text("Mã xác thực không đúng")
    expect(phone_page.get_by_label("Mã xác thực")).to_have_attribute("aria-invalid", "true")
