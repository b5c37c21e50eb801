"""The comment list on a 1366x768 office screen, in Debian's chromium: every column in view."""

import pytest
from django.urls import reverse
from factories import make_article, make_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLE = (
    "Thông báo về việc tổ chức hội nghị tiếp xúc cử tri của đại biểu Hội đồng nhân dân "
    "thị xã tại các phường, xã trên địa bàn trong quý III năm nay"
)
LONG_TEXT = (
    "Đề nghị ủy ban xem xét lại việc sửa chữa tuyến đường liên thôn, vì mùa mưa năm ngoái "
    "nước ngập sâu, học sinh đi học rất vất vả, bà con mong sớm được đầu tư. " * 3
)


def test_a_moderator_sees_time_ip_and_reply_columns_at_1366_pixels(
    live_server, browser_context, moderator
):
    article = make_article(title=LONG_TITLE)
    for number in range(5):
        make_comment(
            article,
            text=LONG_TEXT,
            name=f"Nguyễn Thị Thanh Hương {number}",
            ip=f"2001:db8:85a3:8d3:1319:8a2e:370:73{number:02d}",
        )
    page = browser_context.new_page()
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", moderator.username)
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:ratings_comment_changelist"))

    for column in ["created_at", "ip", "has_reply"]:
        header = page.locator(f"th.column-{column}")
        box = header.bounding_box()
        assert box is not None, column
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1366, (column, box)
    overflow = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " document.querySelector('#changelist-form .results').scrollWidth,"
        " document.querySelector('#changelist-form .results').clientWidth]"
    )
    page_width, viewport, table_width, table_box = overflow
    assert page_width <= viewport, overflow
    assert table_width <= table_box, overflow
