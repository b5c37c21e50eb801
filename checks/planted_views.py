"""Deliberately faulty views, one per outside checker (mounted by checks/planted_urls.py only).

Each fault is one that checker exists to catch: invalid markup for the Nu HTML Checker, an
unlabelled field and an image without text for axe-core and Lighthouse, a page without a
Content-Security-Policy for the HTTP Observatory, and SQL built by string formatting for sqlmap.
"""

from csp.decorators import csp_exempt
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.views.decorators.http import require_GET, require_http_methods

# A one-pixel GIF: the site's CSP allows data: images, and no file has to exist.
PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
PAGE = """<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title}</title></head>
<body><main><h1>{title}</h1>{body}</main></body>
</html>
"""


def page(title, body):
    return HttpResponse(PAGE.format(title=title, body=body))


@require_GET
def invalid_html(request):
    # A <div> cannot sit in a <p>, an id must be unique, an <img> needs alt.
    return page(
        "Trang lỗi HTML",
        '<p>Đoạn văn <div>khối lồng sai</div></p><span id="x">a</span><span id="x">b</span>'
        f'<img src="{PIXEL}">',
    )


@require_GET
def inaccessible(request):
    # An image with no text, a field with no label, a button with no name (axe: critical).
    return page(
        "Trang khó truy cập",
        f'<img src="{PIXEL}" width="16" height="16">'
        '<form action="/tim-kiem/"><input type="text" name="q">'
        '<button type="submit"><span></span></button></form>',
    )


@csp_exempt()
@require_GET
def without_csp(request):
    return page("Trang không có CSP", "<p>Trang này không gửi Content-Security-Policy.</p>")


def titles_matching(text):
    # THE FAULT: the reader's text is pasted into the SQL (the portal always passes parameters).
    sql = "SELECT title FROM news_article WHERE title LIKE '%" + text + "%' ORDER BY id"  # nosec
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [title for (title,) in cursor.fetchall()]


def results(titles):
    items = "".join(f"<li>{escape(title)}</li>" for title in titles)
    return f"<p>{len(titles)} kết quả</p><ul>{items}</ul>"


@require_GET
def injectable_search(request):
    return page("Tìm kiếm có lỗ hổng", results(titles_matching(request.GET.get("q", ""))))


@require_http_methods(["GET", "POST"])
def injectable_form(request):
    # A POST form behind Django's CSRF check: proves that sqlmap's token handling gets through.
    found = results(titles_matching(request.POST["name"])) if "name" in request.POST else ""
    form = (
        f'<form method="post"><input type="hidden" name="csrfmiddlewaretoken" '
        f'value="{get_token(request)}"><label>Tên <input name="name"></label>'
        f"<button>Gửi</button></form>{found}"
    )
    return page("Biểu mẫu có lỗ hổng", form)
