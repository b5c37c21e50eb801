"""In a real browser: a citizen asks a question on a phone and gets a code; staff answer and
publish it in the admin; the citizen later finds the answer by the code."""

from pathlib import Path

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from django.urls import reverse
from factories import make_unit
from playwright.sync_api import expect

from organisation.models import Unit
from questions.models import Question

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
}
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **PHONE)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def screenshot(page, name):
    """A full-page picture in artifacts/screenshots, for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000, f"{path} looks empty"


def answer_captcha(page, *, right=True):
    key = page.locator("input[name=captcha_0]").input_value()
    answer = CaptchaStore.objects.get(hashkey=key).response
    page.get_by_label("Mã xác thực").fill(answer if right else answer[::-1] + "9")


def test_a_citizen_asks_on_a_phone_staff_answer_and_the_citizen_finds_it_by_code(
    live_server, phone_page, browser, land, coordinator
):
    make_unit(name="Phường Đông Hòa", slug="phuong-dong-hoa", kind=Unit.Kind.WARD)
    make_unit(name="Phòng Tài nguyên và Môi trường", slug="phong-tn")
    page = phone_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # The citizen finds the form from the menu.
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Chuyên mục").get_by_role("link", name="Hỏi đáp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hỏi đáp")
    page.get_by_role("link", name="Gửi câu hỏi").first.click()

    page.get_by_label("Họ và tên").fill("Hoàng Thị Mơ")
    page.get_by_label("Hiện đầy đủ họ tên").check()
    page.get_by_label("Thư điện tử").fill("mo@example.org")
    page.get_by_label("Phường, xã nơi bạn ở").select_option(label="Phường Đông Hòa")
    page.get_by_label("Lĩnh vực").select_option(label="Đất đai")
    page.get_by_label("Tiêu đề câu hỏi").fill("Cấp đổi sổ đỏ bị rách")
    page.get_by_label("Nội dung câu hỏi").fill("Sổ đỏ nhà tôi bị rách.\nXin cấp đổi ở đâu?")
    # A mistyped captcha first: everything typed is still there, with a new captcha.
    answer_captcha(page, right=False)
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.locator(".error-summary")).to_contain_text("Mã xác thực không đúng.")
    expect(page.get_by_label("Tiêu đề câu hỏi")).to_have_value("Cấp đổi sổ đỏ bị rách")
    expect(page.get_by_label("Nội dung câu hỏi")).to_have_value(
        "Sổ đỏ nhà tôi bị rách.\nXin cấp đổi ở đâu?"
    )
    expect(page.get_by_label("Hiện đầy đủ họ tên")).to_be_checked()
    assert not Question.objects.exists()
    screenshot(page, "question-form-errors-phone")

    answer_captcha(page)
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã nhận câu hỏi của bạn")
    code = page.locator("#ma-tra-cuu").inner_text()
    question = Question.objects.get()
    assert code == question.code
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "question-sent-phone")
    assert [m.to for m in mail.outbox] == [["mo@example.org"]] and code in mail.outbox[0].body

    # Staff assign it, answer in the editor and publish.
    office = browser.new_context(locale="vi-VN")
    try:
        admin = office.new_page()
        admin.goto(live_server.url + reverse("admin:login"))
        admin.locator("#id_username").fill(coordinator.username)
        admin.locator("#id_password").fill(PASSWORD)
        admin.locator("input[type=submit]").click()
        expect(admin.locator("#content")).to_contain_text("1 câu hỏi mới chờ phân công")
        admin.get_by_role("link", name="1 câu hỏi mới chờ phân công").click()
        admin.get_by_role("link", name=code).click()
        admin.locator("#id_unit").select_option(label="Phòng Tài nguyên và Môi trường")
        body = admin.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
        body.click()
        admin.keyboard.type("Bà nộp đơn cấp đổi tại ")
        admin.keyboard.press("Control+B")
        admin.keyboard.type("Bộ phận một cửa")
        admin.keyboard.press("Control+B")
        admin.keyboard.type(" của thị xã.")
        admin.get_by_role("button", name="Lưu và công bố câu trả lời").click()
        expect(admin.locator(".messagelist")).to_contain_text("Đã công bố câu hỏi")
    finally:
        office.close()
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED
    assert "<strong>Bộ phận một cửa</strong>" in question.answer
    assert [m.to for m in mail.outbox][-1] == ["mo@example.org"]

    # Days later the citizen looks the code up and reads the answer.
    page.goto(live_server.url + reverse("questions:lookup"))
    page.get_by_label("Mã tra cứu").fill(code.lower().replace("hd-", ""))
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator(".qa-status")).to_contain_text("Đã công bố câu trả lời")
    expect(page.locator(".qa-status")).not_to_contain_text("mo@example.org")
    expect(page.locator(".qa-status")).not_to_contain_text("Hoàng Thị Mơ")
    screenshot(page, "question-lookup-phone")
    page.get_by_role("link", name="Đọc câu trả lời").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cấp đổi sổ đỏ bị rách")
    expect(page.locator(".qa-answer")).to_contain_text("Bộ phận một cửa")
    expect(page.locator(".qa-question")).to_contain_text("Hoàng Thị Mơ")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "question-answer-phone")
    assert errors == []
