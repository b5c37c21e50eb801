"""A citizen on a phone finds the head of a unit and calls them, and writes to the town."""

import pytest
from captcha.models import CaptchaStore
from factories import make_person, make_unit
from playwright.sync_api import expect

from contact.models import ContactMessage
from organisation.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def town():
    committee = make_unit(
        name="Ủy ban nhân dân thị xã",
        slug="ubnd",
        kind=Unit.Kind.COMMITTEE,
        address="Số 1 đường Trần Phú",
        phone="0239 3831 234",
        email="ubnd@honglinh.example.vn",
        show_on_contact=True,
    )
    urban = make_unit(name="Phòng Quản lý đô thị", slug="phong-quan-ly-do-thi", parent=committee)
    make_person(
        unit=committee,
        name="Nguyễn Văn Thắng",
        position="Chủ tịch Ủy ban nhân dân",
        is_leadership=True,
    )
    make_person(
        unit=urban,
        name="Võ Thị Mai",
        position="Trưởng phòng",
        phone="0912 345 602",
        email="vtmai@honglinh.example.vn",
        order=1,
    )
    make_person(unit=urban, name="Lê Văn Tú", position="Chuyên viên", order=2)
    return urban


def test_a_citizen_on_a_phone_finds_the_head_of_a_unit_and_their_tel_link(
    live_server, phone_page, town, screenshot
):
    page = phone_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/to-chuc/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổ chức bộ máy")
    # They remember the office, not how its name is spelt with accents.
    page.get_by_label("Tìm cán bộ theo họ tên hoặc chức vụ").fill("truong phong")
    page.get_by_role("button", name="Tìm").last.click()
    results = page.locator(".directory-results")
    expect(results.get_by_text("Võ Thị Mai", exact=True)).to_be_visible()
    results.get_by_role("link", name="Phòng Quản lý đô thị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phòng Quản lý đô thị")
    head = page.locator(".person", has_text="Trưởng phòng")
    call = head.get_by_role("link", name="0912 345 602")
    expect(call).to_have_attribute("href", "tel:0912345602")
    # The e-mail link is named by the address itself, as a screen reader reads it.
    expect(head.get_by_role("link", name="vtmai@honglinh.example.vn")).to_have_attribute(
        "href", "mailto:vtmai@honglinh.example.vn"
    )
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "organisation-unit-phone")
    # Tapping the number hands it to the phone's dialler: the browser asks for a tel: address.
    dialled = []
    page.context.route("tel:*", lambda route: (dialled.append(route.request.url), route.abort()))
    with page.expect_request(lambda request: request.url.startswith("tel:"), timeout=3000) as asked:
        call.click()
    assert asked.value.url == "tel:0912345602"
    assert errors == []


def test_a_citizen_on_a_phone_sends_a_message_and_gets_a_reference_code(
    live_server, phone_page, town, screenshot, settings
):
    settings.CONTACT_EMAIL = "vanphong@honglinh.example.vn"
    page = phone_page
    page.goto(live_server.url + "/lien-he/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Liên hệ")
    page.get_by_label("Họ và tên").fill("Trần Thị Bình")
    page.get_by_label("Điện thoại").fill("0912 111 222")
    page.get_by_label("Tiêu đề").fill("Đèn đường hỏng")
    page.get_by_label("Nội dung").fill("Đèn đường trước nhà số 12 đã tắt một tuần.")
    # A wrong answer first: everything typed stays, with a new captcha.
    page.get_by_label("Mã xác thực").fill("00000x")
    page.get_by_role("button", name="Gửi thư").click()
    expect(page.get_by_role("alert")).to_contain_text("Mã xác thực không đúng.")
    expect(page.get_by_label("Họ và tên")).to_have_value("Trần Thị Bình")
    expect(page.get_by_label("Nội dung")).to_have_value(
        "Đèn đường trước nhà số 12 đã tắt một tuần."
    )
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("Mã xác thực").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="Gửi thư").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã gửi thư liên hệ")
    code = ContactMessage.objects.get().reference
    expect(page.locator("#ma-tra-cuu")).to_have_text(code)
    screenshot(page, "contact-sent-phone")
