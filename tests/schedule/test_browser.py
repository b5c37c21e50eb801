"""The schedule in a real browser: printed without the site's furniture, and read on a phone."""

import pytest
from factories import make_leader, make_schedule_item
from playwright.sync_api import expect

from schedule.selectors import current_week

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def this_weeks_item():
    return make_schedule_item(
        [make_leader(name="Bà Lê Thị Thu Hà", position="Chủ tịch UBND thị xã")],
        date=current_week().monday,
        content="Giao ban lãnh đạo đầu tuần",
        place="Phòng họp số 1",
        preparing_unit="Văn phòng",
    )


def test_the_printed_schedule_has_no_menu_sidebar_or_forms_but_its_address(
    live_server, page, this_weeks_item
):
    page.goto(live_server.url + "/lich-cong-tac/")
    printed = page.locator(".schedule-printed")
    expect(printed).to_be_hidden()
    expect(page.locator("nav.menu")).to_be_visible()

    page.emulate_media(media="print")

    for furniture in ["nav.menu", ".sidebar", ".search-box", ".week-nav", ".counters"]:
        expect(page.locator(furniture)).to_be_hidden()
    expect(page.get_by_text("Giao ban lãnh đạo đầu tuần")).to_be_visible()
    expect(printed).to_be_visible()
    expect(printed).to_contain_text(f"/lich-cong-tac/?tuan={current_week()}")
    expect(printed).to_contain_text("cập nhật lúc")


def test_on_a_360px_phone_each_item_is_a_stack_of_labelled_lines(
    live_server, browser, this_weeks_item
):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/lich-cong-tac/")
        place = page.locator("td[data-label='Địa điểm']", has_text="Phòng họp số 1")
        expect(place).to_be_visible()
        assert place.evaluate("cell => getComputedStyle(cell).display") == "block"
        label = place.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert label == '"Địa điểm: "'
        # Nothing of the schedule is cut off or needs scrolling sideways.
        right = page.locator("table.schedule").evaluate("t => t.getBoundingClientRect().right")
        assert right <= 360
    finally:
        context.close()
