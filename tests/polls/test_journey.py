"""In a real browser: a reader on a phone votes in the sidebar poll and sees the results as
Vietnamese readers write them; voting again from another tab of the same browser counts nothing."""

import re

import pytest
from factories import make_poll
from journeys import conftest as journeys
from playwright.sync_api import expect

from polls import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The journeys' phone and screenshots, shared rather than written again here.
phone_page = journeys.phone_page
screenshot = journeys.screenshot

QUESTION = "Bạn có hài lòng với giờ chạy xe buýt nội thị không?"


@pytest.fixture
def poll():
    """A poll 21 readers answered already: 12 "Rất hài lòng", 9 "Hài lòng", none "Chưa hài
    lòng"; its results show only once a reader has voted."""
    poll = make_poll(question=QUESTION, results_before_voting=False)
    options = {option.text: option.pk for option in poll.options.all()}
    for number in range(21):
        services.cast_ballot(
            poll=poll,
            voter_id=f"{number:032x}",
            ip=f"203.0.113.{number + 1}",
            option_ids=[options["Rất hài lòng" if number < 12 else "Hài lòng"]],
        )
    return poll


def row(results, option):
    return results.get_by_role("row", name=re.compile(f"^{option} "))


def test_a_reader_on_a_phone_votes_in_the_sidebar_poll_and_a_second_vote_is_not_counted(
    live_server, phone_page, poll, screenshot
):
    page = phone_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/")
    # The same reader has the portal open in a second tab, loaded before they vote.
    other_tab = page.context.new_page()
    other_tab.on("pageerror", lambda error: errors.append(str(error)))
    other_tab.goto(live_server.url + "/")

    block = page.locator("section.poll")
    expect(block.get_by_role("group", name=QUESTION)).to_be_visible()
    results = block.locator("[data-poll-results]")
    expect(results).to_be_hidden()
    block.get_by_label("Chưa hài lòng").check()
    block.get_by_role("button", name="Bình chọn").click()

    # Thanked, the form gone, the results with their own vote: shares to one decimal, with a
    # decimal comma and a space before the per-cent sign, as Vietnamese readers write them.
    expect(block.locator("[data-poll-status]")).to_have_text("Cảm ơn bạn đã bình chọn.")
    expect(block.locator("[data-poll-form]")).to_be_hidden()
    expect(results).to_contain_text("Kết quả: 22 người đã bình chọn")
    expect(row(results, "Rất hài lòng")).to_contain_text("12 54,5\u00a0%")
    expect(row(results, "Hài lòng")).to_contain_text("9 40,9\u00a0%")
    expect(row(results, "Chưa hài lòng")).to_contain_text("1 4,5\u00a0%")
    block.scroll_into_view_if_needed()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "poll-voted-phone")

    # In the other tab the form is still there; a second vote is refused and changes nothing.
    again = other_tab.locator("section.poll")
    again.get_by_label("Rất hài lòng").check()
    again.get_by_role("button", name="Bình chọn").click()
    expect(again.locator("[data-poll-status]")).to_have_text(
        "Bạn đã bình chọn trong cuộc thăm dò này. Mỗi người chỉ bình chọn một lần."
    )
    expect(again.locator("[data-poll-form]")).to_be_hidden()
    expect(again.locator("[data-poll-results]")).to_contain_text("Kết quả: 22 người đã bình chọn")
    expect(row(again.locator("[data-poll-results]"), "Rất hài lòng")).to_contain_text("12 54,5")

    # The results page, cached for every reader, says the same.
    block.get_by_role("link", name="Xem kết quả").click()
    main = page.locator("main")
    expect(main).to_contain_text("Kết quả: 22 người đã bình chọn")
    expect(row(main, "Chưa hài lòng")).to_contain_text("1 4,5\u00a0%")
    poll.refresh_from_db()
    assert poll.voter_count == 22
    assert [option.vote_count for option in poll.options.all()] == [12, 9, 1]
    assert errors == []
