"""A reader rates and comments in a real browser; a moderator approves the comment."""

import re

import pytest
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.urls import reverse
from factories import make_article
from playwright.sync_api import expect

from ratings.models import Comment

pytestmark = pytest.mark.browser


@pytest.fixture
def captcha_test_mode():
    # The live server runs in this process, and django-simple-captcha reads its settings once at
    # import: patch the module (override_settings has no effect). "PASSED" then passes.
    previous = captcha_settings.CAPTCHA_TEST_MODE
    captcha_settings.CAPTCHA_TEST_MODE = True
    yield
    captcha_settings.CAPTCHA_TEST_MODE = previous


@pytest.mark.django_db(transaction=True)
def test_a_reader_rates_and_comments_and_a_moderator_publishes_the_comment(
    live_server, browser, page, moderator, captcha_test_mode
):
    article = make_article(title="Hội nghị giao ban Quý I")
    page.goto(live_server.url + article.get_absolute_url())
    figures = page.locator("[data-rating-figures]")
    expect(figures).to_contain_text("lượt đánh giá: 0, trung bình: 0,0")
    # Set on this document only: still there later means the page never reloaded.
    page.evaluate("window.sameDocument = true")

    # Rating: four stars, the figures change in place.
    page.locator("label[for=id_stars_3]").click()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.locator("[data-vote-status]")).to_have_text("Cảm ơn bạn đã đánh giá bài viết.")
    expect(page.locator("[data-rating-figures]")).to_contain_text(
        "lượt đánh giá: 1, trung bình: 4,0"
    )
    expect(page.locator(".stars .star-full")).to_have_count(4)

    # Commenting: the captcha arrives when the reader starts to write.
    captcha_image = page.locator(".captcha-image")
    page.get_by_label("Họ và tên").fill("Trần Văn Bình")
    expect(captcha_image).to_have_attribute("src", re.compile(r"/captcha/image/\w+/"))
    first_image = captcha_image.get_attribute("src")
    page.get_by_role("button", name="Đổi mã khác").click()
    expect(captcha_image).not_to_have_attribute("src", first_image)
    text = "Đề nghị sớm sửa tuyến đường liên thôn.\nXin cảm ơn."
    page.get_by_label("Nội dung bình luận").fill(text)
    page.get_by_label("Mã xác thực").fill("sai")
    page.get_by_role("button", name="Gửi bình luận").click()

    expect(page.locator("#id_captcha_error")).to_have_text("Mã xác thực không đúng.")
    expect(page.get_by_label("Nội dung bình luận")).to_have_value(text)
    expect(page.get_by_label("Họ và tên")).to_have_value("Trần Văn Bình")
    expect(page.get_by_label("Mã xác thực")).to_have_value("")
    assert not Comment.objects.exists()

    sent_key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("Mã xác thực").fill("PASSED")
    page.get_by_role("button", name="Gửi bình luận").click()
    expect(page.locator("[data-comment-status]")).to_have_text(
        "Bình luận của bạn đang chờ kiểm duyệt"
    )
    assert page.evaluate("window.sameDocument") is True
    comment = Comment.objects.get()
    assert (comment.status, comment.text) == ("pending", text.replace("\n", "\r\n"))
    # Nothing is left for a second post: a blank form, a new captcha, no error, one message.
    expect(page.get_by_label("Nội dung bình luận")).to_have_value("")
    expect(page.get_by_label("Họ và tên")).to_have_value("")
    expect(page.get_by_label("Mã xác thực")).to_have_value("")
    expect(page.locator("#id_captcha_error")).to_have_count(0)
    expect(page.locator(".comment-form .errorlist")).to_have_count(0)
    expect(page.locator(".messages")).to_have_count(0)
    expect(captcha_image).to_have_attribute("src", re.compile(r"/captcha/image/\w+/"))
    fresh_key = page.locator("input[name=captcha_0]").input_value()
    assert fresh_key and fresh_key != sent_key
    assert CaptchaStore.objects.filter(hashkey=fresh_key).exists()
    expect(page.locator(".comment-list")).not_to_contain_text("Đề nghị sớm sửa")

    # Moderation in the admin.
    admin = browser.new_context(locale="vi-VN")
    try:
        moderator_page = admin.new_page()
        moderator_page.goto(live_server.url + reverse("admin:login"))
        moderator_page.locator("#id_username").fill("kiemduyet")
        moderator_page.locator("#id_password").fill("mat-khau-thu-nghiem")
        moderator_page.locator("input[type=submit]").click()
        moderator_page.goto(
            live_server.url + reverse("admin:ratings_comment_changelist") + "?status__exact=pending"
        )
        row = moderator_page.locator("#result_list tbody tr", has_text="Đề nghị sớm sửa")
        row.locator("input.action-select").check()
        moderator_page.locator("select[name=action]").select_option("approve")
        moderator_page.locator("button[name=index]").click()
        expect(moderator_page.locator(".messagelist")).to_contain_text("Đã cập nhật 1 bình luận.")
    finally:
        admin.close()

    comment.refresh_from_db()
    assert comment.status == "approved"
    page.reload()
    expect(page.locator(".comment-list")).to_contain_text("Trần Văn Bình")
    expect(page.locator(".comment-text")).to_contain_text("Đề nghị sớm sửa tuyến đường liên thôn.")


@pytest.mark.django_db(transaction=True)
def test_a_reader_without_javascript_rates_and_comments_through_the_feedback_page(
    live_server, browser
):
    article = make_article()
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + article.get_absolute_url())
        expect(page.locator("[data-comment-form]")).to_be_hidden()

        page.locator("label[for=id_stars_4]").click()
        page.get_by_role("button", name="Gửi đánh giá").click()
        # The feedback page, with the chosen stars kept, posts the vote and comes back.
        expect(page.locator("#id_stars_4")).to_be_checked()
        page.get_by_role("button", name="Gửi đánh giá").click()
        expect(page.locator(".messages")).to_contain_text("Cảm ơn bạn đã đánh giá bài viết.")
        expect(page.locator("[data-rating-figures]")).to_contain_text(
            "lượt đánh giá: 1, trung bình: 5,0"
        )

        page.get_by_label("Họ và tên").fill("Lê Thị Hoa")
        page.get_by_label("Nội dung bình luận").fill("Góp ý về lịch tiếp dân.")
        page.get_by_label("Mã xác thực").fill("sai")
        page.get_by_role("button", name="Gửi bình luận").click()
        expect(page.locator("#id_captcha_error")).to_have_text("Mã xác thực không đúng.")
        expect(page.get_by_label("Nội dung bình luận")).to_have_value("Góp ý về lịch tiếp dân.")

        key = page.locator("input[name=captcha_0]").input_value()
        page.get_by_label("Mã xác thực").fill(CaptchaStore.objects.get(hashkey=key).response)
        page.get_by_role("button", name="Gửi bình luận").click()
        expect(page.locator(".messages")).to_contain_text("Bình luận của bạn đang chờ kiểm duyệt")
        assert Comment.objects.get().text == "Góp ý về lịch tiếp dân."
    finally:
        context.close()
