"""Citizens on a phone: one comments on an open draft, another votes in the sidebar poll and
sees the results (with JavaScript, and without it)."""

import re

import pytest
from captcha.models import CaptchaStore
from factories import make_consultation, make_poll, make_unit
from journeys.conftest import PHONE
from playwright.sync_api import expect

from consultations.models import ConsultationComment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_on_a_phone_comments_on_an_open_draft(live_server, phone_page, screenshot):
    page = phone_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    consultation = make_consultation(
        title="Dự thảo Quy chế quản lý chợ đêm",
        unit=make_unit(name="Phòng Kinh tế, Hạ tầng và Đô thị"),
    )
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Lấy ý kiến").click()
    expect(page.get_by_role("heading", name="Đang lấy ý kiến")).to_be_visible()
    page.get_by_role("link", name="Dự thảo Quy chế quản lý chợ đêm").click()
    expect(page.locator("[data-received-count]")).to_have_text("0")
    page.get_by_role("link", name="Gửi ý kiến góp ý").click()

    text = "Đề nghị chợ họp thêm tối thứ Năm.\nXin cảm ơn."
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill("0912 345 678")
    page.get_by_label("Ý kiến góp ý").fill(text)
    page.get_by_label("Mã xác thực").fill("00000")
    page.get_by_role("button", name="Gửi ý kiến").click()

    # One try per captcha: a new one, and everything typed is still there.
    expect(page.locator(".error-summary")).to_contain_text("Mã xác thực không đúng.")
    expect(page.get_by_label("Ý kiến góp ý")).to_have_value(text)
    expect(page.get_by_label("Họ và tên")).to_have_value("Nguyễn Thị Hoa")
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("Mã xác thực").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="Gửi ý kiến").click()

    expect(page.get_by_role("status")).to_contain_text("đang chờ kiểm duyệt")
    expect(page.locator("[data-received-count]")).to_have_text("1")
    assert page.url == live_server.url + consultation.get_absolute_url()
    comment = ConsultationComment.objects.get()
    # A browser sends a textarea's line breaks as CR LF.
    assert (comment.text.replace("\r\n", "\n"), comment.status) == (text, "pending")
    screenshot(page, "consultation-comment-phone")
    assert errors == []


def test_a_citizen_on_a_phone_votes_in_the_sidebar_poll_and_sees_the_results(
    live_server, phone_page, screenshot
):
    page = phone_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    poll = make_poll(question="Bạn có hài lòng với xe buýt nội thị mới không?")
    page.goto(live_server.url + "/")
    block = page.locator("section.poll")
    expect(block.get_by_role("group", name=poll.question)).to_be_visible()

    block.get_by_role("button", name="Bình chọn").click()
    expect(block.locator("[data-poll-status]")).to_have_text("Vui lòng chọn một phương án.")
    block.get_by_label("Hài lòng", exact=True).check()
    block.get_by_role("button", name="Bình chọn").click()

    expect(block.locator("[data-poll-status]")).to_have_text("Cảm ơn bạn đã bình chọn.")
    results = block.locator("[data-poll-results]")
    expect(results).to_contain_text("1 người đã bình chọn")
    expect(results.get_by_role("row", name=re.compile("^Hài lòng "))).to_contain_text("100,0\u00a0%")
    expect(block.locator("[data-poll-form]")).to_be_hidden()
    screenshot(page, "poll-sidebar-phone")

    # Another page, cached for everyone: the script asks this reader's state and shows it.
    page.reload()
    expect(block.locator("[data-poll-status]")).to_have_text(
        "Bạn đã bình chọn trong cuộc thăm dò này."
    )
    expect(block.locator("[data-poll-form]")).to_be_hidden()
    block.get_by_role("link", name="Xem kết quả").click()
    expect(page.locator("main").get_by_role("row", name=re.compile("^Hài lòng "))).to_contain_text("100,0\u00a0%")
    poll.refresh_from_db()
    assert poll.voter_count == 1
    assert errors == []


def test_a_citizen_without_javascript_votes_through_the_ballot_page(live_server, browser):
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", java_script_enabled=False, **PHONE
    )
    page = context.new_page()
    poll = make_poll(
        question="Những việc nào thị xã nên làm trước?",
        options=("Sửa đường", "Thêm cây xanh", "Thêm đèn đường"),
        is_multiple_choice=True,
        max_choices=2,
    )
    page.goto(live_server.url + "/")
    block = page.locator("section.poll")
    block.get_by_label("Sửa đường").check()
    block.get_by_label("Thêm đèn đường").check()
    block.get_by_role("button", name="Bình chọn").click()

    # The ballot page, with the choices already made, posts and comes back.
    main = page.locator("main")
    expect(main.get_by_label("Sửa đường")).to_be_checked()
    expect(main.get_by_label("Thêm đèn đường")).to_be_checked()
    expect(main.get_by_label("Thêm cây xanh")).not_to_be_checked()
    main.get_by_role("button", name="Bình chọn").click()

    expect(page.locator(".messages")).to_have_text("Cảm ơn bạn đã bình chọn.")
    expect(main.get_by_role("row", name="Thêm đèn đường")).to_contain_text("100,0\u00a0%")
    expect(main.get_by_role("row", name="Thêm cây xanh")).to_contain_text("0,0\u00a0%")
    poll.refresh_from_db()
    assert [option.vote_count for option in poll.options.all()] == [1, 0, 1]
    context.close()
