"""Error pages: Vietnamese, static, with no trace or setting shown; errors logged with context."""

import io
import logging

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client

pytestmark = pytest.mark.django_db

LEAKS = ["Traceback", "internal detail", "SECRET_KEY", "DATABASES", "settings.py", "DEBUG"]


@pytest.fixture
def request_log():
    """What the console handler of ``django.request`` writes, as a production log would read."""
    handler = logging.getLogger("django.request").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_unknown_address_gets_the_vietnamese_404_page(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Không tìm thấy trang" in page
    assert 'name="q"' in page  # the reader can search from there


@pytest.mark.urls("security.failing_urls")
def test_server_error_shows_a_static_vietnamese_page_and_no_details():
    response = Client(raise_request_exception=False).get("/loi-thu/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Xin lỗi, hệ thống đang gặp sự cố" in page
    for leak in LEAKS:
        assert leak not in page


@pytest.mark.urls("security.failing_urls")
def test_server_error_is_logged_with_method_path_user_and_address(editor, request_log):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    client.get("/loi-thu/", REMOTE_ADDR="203.0.113.9")
    line = request_log.getvalue()
    assert "ERROR django.request Internal Server Error: /loi-thu/" in line
    assert f"[GET /loi-thu/ user={editor.pk} ip=203.0.113.9]" in line
    assert "RuntimeError: internal detail" in line  # the trace goes to the log only


def test_a_forged_line_break_in_the_address_stays_on_one_log_line(client, request_log):
    client.get("/khong-co%0AERROR gia-mao/")
    lines = [line for line in request_log.getvalue().splitlines() if "Not Found" in line]
    assert len(lines) == 1
    assert "[GET /khong-co\\nERROR gia-mao/ user=- ip=127.0.0.1]" in lines[0]


def test_500_page_renders_without_request_context_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        page = render_to_string("500.html")
    assert "Lỗi máy chủ (500)" in page
    assert "/static/css/site.css" in page


def test_form_post_without_csrf_token_gets_a_vietnamese_403(db):
    response = Client(enforce_csrf_checks=True).post("/bai-viet/khong-co/binh-luan/")
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()


def test_bad_request_gets_the_vietnamese_400_page(client):
    response = client.get("/tim-kiem/?q=a%00b")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_permission_denied_gets_the_vietnamese_403_page():
    assert "Bạn không có quyền xem trang này" in render_to_string("403.html")


# Forms declared in a charset other than UTF-8, which Django refuses to read forms in: the
# Vietnamese Windows code page a legacy client might send, and the one the issue saw.
UNDECODABLE_POSTS = [
    ("latin-1", "text=bình".encode("latin-1")),
    ("windows-1258", "text=ba\u0300n".encode("cp1258")),
    ("utf-16", "text=x".encode("utf-16")),
]


def _post_urls():
    """Every public URL (the readers' feedback endpoints among them) and the admin login."""
    from security.public_urls import public_routes

    return [(route.name, route) for route in public_routes()] + [("admin:login", None)]


@pytest.mark.parametrize(("name", "route"), _post_urls(), ids=lambda value: str(value))
@pytest.mark.parametrize(("charset", "body"), UNDECODABLE_POSTS, ids=lambda value: str(value)[:12])
def test_undecodable_post_gets_the_vietnamese_400_page_on_every_url(
    samples, name, route, charset, body
):
    from django.urls import reverse

    url = route.url(samples) if route else reverse(name)
    # A browser's well-formed CSRF pair: the check would pass if the body could be read.
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    token = "a" * 32
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    content_type = f"application/x-www-form-urlencoded; charset={charset}"
    response = client.generic("POST", url, body, content_type=content_type, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 400, url
    page = response.content.decode()
    assert '<html lang="vi">' in page and "Yêu cầu không hợp lệ" in page
    assert response["X-Frame-Options"] == "DENY"


def test_undecodable_post_is_logged_as_a_bad_request(client, request_log):
    client.generic(
        "POST",
        "/tim-kiem/",
        b"q=%E2",
        content_type="application/x-www-form-urlencoded; charset=latin-1",
    )
    line = request_log.getvalue()
    assert "WARNING django.request Bad Request" in line
    assert "[POST /tim-kiem/ user=- ip=127.0.0.1]" in line


def test_a_utf8_form_post_still_reaches_the_view(client, samples):
    # The body read early is the one the view gets: the search page refuses POST as before.
    response = client.generic(
        "POST",
        "/tim-kiem/",
        "q=bình".encode(),
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code == 405
