"""Staff in a real browser: an editor writes an article in CKEditor with an image and sends it
for approval; an approver on a phone approves it; readers then see it."""

import pytest
from django.urls import reverse
from factories import image_bytes, make_category, make_staff
from playwright.sync_api import expect

from news.models import Article, CategoryApprover
from portal.staff import APPROVERS
from review.models import ReviewState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("admin:login"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text(username)


def test_an_editor_submits_an_article_and_an_approver_on_a_phone_publishes_it(
    live_server, page, phone_page, editor, db, tmp_path, screenshot
):
    category = make_category(name="Tin tức - Sự kiện")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server, editor.username)

    page.goto(live_server.url + reverse("admin:news_article_add"))
    # Typed key by key: the admin fills the slug in from the title as the editor types.
    page.locator("#id_title").press_sequentially("Khánh thành nhà văn hóa tổ dân phố 5")
    expect(page.locator("#id_slug")).to_have_value("khanh-thanh-nha-van-hoa-to-dan-pho-5")
    page.locator("#id_category").select_option(str(category.pk))
    page.locator("#id_lead").fill("Nhà văn hóa mới phục vụ sinh hoạt cộng đồng.")

    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.type("Công trình ")
    page.keyboard.press("Control+B")
    page.keyboard.type("hoàn thành đúng hạn")
    page.keyboard.press("Control+B")
    page.keyboard.type(". ")

    # The editor's image dialog: upload a file to the server, then insert it.
    picture = tmp_path / "nha-van-hoa.png"
    picture.write_bytes(image_bytes(size=(640, 400)))
    page.locator("a.cke_button__image").click()
    dialog = page.locator(".cke_dialog").filter(has=page.locator(".cke_dialog_title"))
    dialog.locator("a.cke_dialog_tab", has_text="Tải lên").click()
    upload_frame = dialog.frame_locator("iframe.cke_dialog_ui_input_file")
    upload_frame.locator("input[type=file]").set_input_files(str(picture))
    dialog.locator("a.cke_dialog_ui_fileButton").click()
    expect(dialog.locator("a.cke_dialog_tab_selected")).to_contain_text("Thông tin")
    dialog.locator("a.cke_dialog_ui_button_ok").click()
    expect(body.locator("img")).to_have_count(1)

    page.locator("input[name=_submit_for_review]").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã gửi duyệt.")

    article = Article.objects.get()
    assert "<strong>hoàn thành đúng hạn</strong>" in article.body
    assert '<img alt="" src="/media/editor/' in article.body
    assert article.status == ReviewState.SUBMITTED and not article.is_public
    assert live_server_page_status(page, live_server.url + article.get_absolute_url()) == 404

    # The approver of the category, on their phone: the admin home says what waits for them.
    approver = make_staff("truongban", APPROVERS)
    CategoryApprover.objects.create(category=category, user=approver)
    phone = phone_page
    phone.on("pageerror", lambda error: errors.append(str(error)))
    log_in(phone, live_server, approver.username)
    phone.get_by_role("link", name="1 bài viết chờ bạn duyệt").click()
    phone.get_by_role("link", name="Khánh thành nhà văn hóa tổ dân phố 5").click()
    approve = phone.get_by_role("button", name="Duyệt và xuất bản")
    approve.scroll_into_view_if_needed()
    expect(approve).to_be_visible()
    screenshot(phone, "review-approver-phone")
    approve.click()
    expect(phone.locator(".messagelist")).to_contain_text("đã duyệt và xuất bản")

    article.refresh_from_db()
    assert article.status == ReviewState.PUBLISHED and article.reviewed_by == approver
    assert article.is_public

    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="Khánh thành nhà văn hóa tổ dân phố 5")).to_be_visible()
    assert not errors, errors


def live_server_page_status(page, url):
    """The status a reader gets at ``url`` (in a fresh request without the staff cookie)."""
    return page.context.request.get(url, headers={"Cookie": ""}).status


def test_an_editor_cannot_open_comment_moderation(live_server, page, editor):
    log_in(page, live_server, editor.username)
    response = page.goto(live_server.url + reverse("admin:ratings_comment_changelist"))
    assert response.status == 403
    page.goto(live_server.url + reverse("admin:index"))
    expect(page.locator("#content-main")).not_to_contain_text("Bình luận")
