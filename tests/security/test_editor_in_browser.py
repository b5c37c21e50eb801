"""The admin and CKEditor 4 under the Content-Security-Policy, in Debian's chromium."""

import pytest
from django.urls import reverse
from factories import image_bytes, make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_page(live_server, page, editor):
    """A logged-in editor's page that records every CSP violation chromium reports."""
    page.violations = []
    page.on(
        "console",
        lambda message: (
            page.violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    return page


def open_editor(page, live_server):
    page.goto(live_server.url + reverse("admin:news_article_add"))
    # Functions, not expression strings: Playwright evaluates strings with eval(), which the
    # policy rightly refuses.
    page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")


def test_admin_pages_without_the_editor_break_no_rule_of_the_strict_policy(live_server, staff_page):
    for name in ["admin:index", "admin:news_article_changelist", "admin:news_category_add"]:
        staff_page.goto(live_server.url + reverse(name))
        staff_page.wait_for_load_state("networkidle")
    assert staff_page.violations == []


def test_ckeditor_toolbar_works_under_the_editor_policy(live_server, staff_page):
    open_editor(staff_page, live_server)
    staff_page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    staff_page.keyboard.type("Xin chào ")
    staff_page.click("a.cke_button__bold")
    staff_page.keyboard.type("bà con")
    body = staff_page.evaluate("() => CKEDITOR.instances.id_body.getData()")
    assert "<strong>b&agrave; con</strong>" in body  # CKEditor 4 writes entities
    assert staff_page.violations == []


def test_ckeditor_image_dialog_uploads_with_the_csrf_token(live_server, staff_page, tmp_path):
    picture = tmp_path / "anh-hoi-nghi.png"
    picture.write_bytes(image_bytes())
    open_editor(staff_page, live_server)
    staff_page.click("a.cke_button__image")
    staff_page.click("a[id^=cke_Upload_]")
    staff_page.frame_locator("iframe.cke_dialog_ui_input_file").locator(
        "input[type=file]"
    ).set_input_files(str(picture))
    with staff_page.expect_response(lambda answer: "/ckeditor/upload/" in answer.url) as sent:
        staff_page.click("a.cke_dialog_ui_fileButton")
    answer = sent.value
    assert answer.request.headers.get("x-csrftoken")
    assert answer.status == 200, answer.text()
    staff_page.wait_for_function(
        "() => CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtUrl').startsWith('/media/')"
    )


def test_article_body_keeps_the_layout_set_in_the_editor_under_the_public_policy(live_server, page):
    article = make_article(body='<p style="text-align:center">Giữa trang</p>')
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + article.get_absolute_url())
    paragraph = page.locator(".article-body p")
    assert paragraph.evaluate("element => getComputedStyle(element).textAlign") == "center"
    assert violations == []


@pytest.mark.parametrize("stored_style", [True, False], ids=["stored-before-the-fix", "cleaned"])
def test_an_editor_photo_keeps_its_proportions_on_a_phone(
    live_server, browser_context, stored_style
):
    """The editor writes the photo's size inline; on a 360 px phone it must not be squashed."""
    photo = image_bytes(size=(800, 500))
    body = (
        '<p><img alt="Hội trường" src="/media/editor/2026/12/01/hoitruong.png" '
        'style="width:800px;height:500px" width="800" height="500"></p>'
    )
    article = make_article(body=body)
    if stored_style:
        # Bodies saved before the sanitiser dropped the height are cleaned again at render.
        type(article).objects.filter(pk=article.pk).update(body=body)
    page = browser_context.new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    page.route(
        "**/media/editor/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=photo),
    )
    page.goto(live_server.url + article.get_absolute_url())
    picture = page.locator(".article-body img")
    picture.evaluate("image => image.decode()")
    width, height = picture.evaluate(
        "image => [image.getBoundingClientRect().width, image.getBoundingClientRect().height]"
    )
    assert width < 360
    assert width / height == pytest.approx(800 / 500, rel=0.02)
