"""Script payloads typed into search, comments and an article body never run in a browser."""

import pytest
from captcha.models import CaptchaStore
from django.test import Client
from django.urls import reverse
from factories import make_article, make_category
from playwright.sync_api import expect

from news.models import Article
from ratings import services
from ratings.models import Comment
from review import services as review_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOADS = [
    "<script>alert('script')</script>",
    '"><img src=x onerror=alert("img")>',
    "<svg onload=alert('svg')>",
    "<a href=\"javascript:alert('link')\">bấm vào đây</a>",
    "javascript:alert('url')",
    "'';!--\"<XSS>=&{()}",
    "<iframe src=javascript:alert('frame')></iframe>",
]


# What a payload would leave in the page if it got through: the Content-Security-Policy would
# still stop most of them from running, so the page itself is checked too.
# (An <img src="x"> without its handler is what staff formatting keeps of one payload: harmless.)
INJECTED = "script:not([src]), [onerror], [onload], iframe, a[href^='javascript']"


@pytest.fixture
def dialogs(page):
    """Every alert/confirm/prompt the page opens; a test fails if any fires."""
    opened = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


def test_payloads_in_search_are_shown_as_text(live_server, page, dialogs):
    make_article(title="Hội nghị giao ban")
    for payload in PAYLOADS:
        page.goto(live_server.url + "/")
        search = page.get_by_role("search").first.get_by_role("searchbox")
        search.fill(payload)
        search.press("Enter")
        expect(page.locator(".search-summary")).to_be_visible()
        assert page.locator("#tu-khoa").input_value() == payload[:100]
        assert page.locator(f"main :is({INJECTED}, img[src='x'], svg)").count() == 0, payload
    assert dialogs == []


def test_payloads_in_an_article_body_saved_by_staff_never_run(
    live_server, page, editor, dialogs, django_user_model
):
    category = make_category()
    staff = Client()
    staff.force_login(editor)
    for number, payload in enumerate(PAYLOADS):
        response = staff.post(
            reverse("admin:news_article_add"),
            {
                "title": f"Bài có mã độc {number}",
                "category": category.pk,
                "lead": payload,
                "body": f"<p>Mở đầu</p>{payload}<p>Kết thúc</p>",
                "published_at_0": "01/11/2026",
                "published_at_1": "08:00",
            },
        )
        assert response.status_code == 302
    # Published by an approver (review app): the text is the one the editor saved.
    approver = django_user_model.objects.create_superuser("duyet", "duyet@example.org", "mk-duyet")
    for article in Article.objects.all():
        review_services.publish(user=approver, item=article)
    for article in Article.objects.all():
        page.goto(live_server.url + article.get_absolute_url())
        expect(page.locator(".article-body")).to_contain_text("Kết thúc")
        assert page.locator(f"main :is({INJECTED})").count() == 0, article.title
    page.goto(live_server.url + category.get_absolute_url())
    assert dialogs == []


def test_payloads_in_comments_never_run_after_approval(live_server, page, dialogs):
    article = make_article(title="Lấy ý kiến về quy hoạch")
    for payload in PAYLOADS[:4]:
        page.goto(live_server.url + article.get_absolute_url())
        page.get_by_label("Họ và tên").fill(payload[:80])
        key_field = page.locator("input[name=captcha_0]")
        expect(key_field).not_to_have_value("")
        answer = CaptchaStore.objects.get(hashkey=key_field.input_value()).response
        page.get_by_label("Nội dung bình luận").fill(f"Ý kiến: {payload}")
        page.get_by_label("Mã xác thực").fill(answer)
        page.get_by_role("button", name="Gửi bình luận").click()
        expect(page.locator("[data-comment-status]")).to_contain_text("chờ kiểm duyệt")
    assert Comment.objects.count() == 4
    services.moderate(Comment.objects.all(), Comment.Status.APPROVED)

    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator(".comment-text")).to_have_count(4)
    # Readers' words are text: the payload is there to read, as typed.
    expect(page.locator(".comment-list")).to_contain_text("<script>alert('script')</script>")
    assert page.locator(f".comment-list :is({INJECTED}, svg, img)").count() == 0
    assert dialogs == []
