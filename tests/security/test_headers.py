"""Security headers: a strict Content-Security-Policy on the public site, frame and sniffing guards."""

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_strict(response):
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["style-src-attr"] == ["'unsafe-inline'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["media-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]


def public_pages(samples):
    return [
        reverse("news:home"),
        samples.category.get_absolute_url(),
        samples.article.get_absolute_url(),
        reverse("news:search") + "?q=an+ninh",
        reverse("news:feed"),
        "/khong-co-trang-nay/",
    ]


def test_public_pages_send_the_strict_policy_without_unsafe_inline_scripts(client, samples):
    for url in public_pages(samples):
        response = client.get(url)
        assert_strict(response)
        unsafe = [
            name for name, sources in policy(response).items() if "'unsafe-inline'" in sources
        ]
        assert unsafe == ["style-src-attr"], url
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_cached_public_pages_keep_the_policy(client, samples):
    url = samples.article.get_absolute_url()
    client.get(url)
    again = client.get(url)
    assert again.get("X-Page-Cache") in {None, "hit"}
    assert_strict(again)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def test_public_pages_carry_no_inline_script_event_handler_or_javascript_url(client, samples):
    samples.article.body = (
        "<p onclick='alert(1)'>Chữ <a href='javascript:alert(1)'>liên kết</a></p>"
    )
    samples.article.save()
    for url in public_pages(samples):
        html = client.get(url).content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not EVENT_HANDLER.search(html), url
        assert "javascript:" not in html, url


def assert_guarded(response):
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_every_answer_carries_the_browser_guards(client, samples):
    client.get(reverse("news:home"))  # so that the next one comes from the page cache
    answers = [
        client.get(reverse("news:home")),
        client.get(reverse("robots_txt")),
        client.get(reverse("news:feed")),
        client.get(reverse("sitemap")),
    ]
    assert answers[0]["X-Page-Cache"] == "hit"
    for response in answers:
        assert response.status_code == 200
        assert_guarded(response)


def _locked_out(client, editor):
    for _ in range(5):
        answer = client.post(
            reverse("admin:login"), {"username": editor.username, "password": "sai-mat-khau"}
        )
    return answer


@pytest.mark.urls("security.failing_urls")
@pytest.mark.parametrize(
    ("status", "answer"),
    [
        (400, lambda client, editor: client.get("/tim-kiem/?q=a%00b")),
        (
            400,
            lambda client, editor: client.post(
                "/tim-kiem/",
                b"q=%E2",
                content_type="application/x-www-form-urlencoded; charset=latin-1",
            ),
        ),
        (400, lambda client, editor: client.get("/", HTTP_HOST="ke-gia-mao.example")),
        (403, lambda client, editor: Client(enforce_csrf_checks=True).post(reverse("admin:login"))),
        (404, lambda client, editor: client.get("/khong-co-trang-nay/")),
        (405, lambda client, editor: client.generic("TRACE", "/")),
        (405, lambda client, editor: client.post(reverse("news:search"))),
        (429, _locked_out),
        (500, lambda client, editor: Client(raise_request_exception=False).get("/loi-thu/")),
    ],
    ids=[
        "400-query",
        "400-body",
        "400-unknown-host",
        "403-csrf",
        "404",
        "405-refused-method",
        "405-read-only-page",
        "429-lockout",
        "500",
    ],
)
def test_every_error_answer_carries_the_browser_guards(client, editor, status, answer):
    response = answer(client, editor)
    assert response.status_code == status
    assert_guarded(response)


def test_admin_pages_without_the_editor_keep_the_strict_policy(editor_client):
    for url in [reverse("admin:index"), reverse("admin:news_article_changelist")]:
        response = editor_client.get(url)
        assert response.status_code == 200
        assert_strict(response)


def test_article_editor_page_allows_only_what_ckeditor_needs(editor_client):
    response = editor_client.get(reverse("admin:news_article_add"))
    assert response.status_code == 200
    directives = policy(response)
    # CKEditor 4 puts onclick handlers on its toolbar and styles into its editing frame.
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["img-src"] == ["'self'", "data:", "blob:"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_the_editor_policy_is_not_granted_by_a_url_alone(client):
    # An anonymous visitor of the same address gets the login page, under the strict policy.
    response = client.get(reverse("admin:news_article_add"), follow=True)
    assert response.redirect_chain
    assert_strict(response)


def test_the_site_policy_built_once_is_the_one_django_csp_builds(client, settings):
    from csp.utils import build_policy

    settings.DEBUG = False
    response = client.get("/robots.txt")
    assert response["Content-Security-Policy"] == build_policy()


def test_pages_name_their_language_and_do_not_vary_on_accept_language(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Accept-Language" not in response.get("Vary", "")
