"""/lich-cong-tac/: a week's items by day, changes shown to readers, one cached page per week."""

import re
import time
from datetime import UTC, date, datetime
from datetime import time as clock

import pytest
from django.core.cache import cache
from factories import make_leader, make_schedule_item
from sitemap_text import whole_sitemap

from core.pagecache import NEXT_CHANGE_KEY, forget_site_pages, refresh_rules
from schedule.models import ScheduleItem
from schedule.selectors import current_week, week_schedule
from schedule.services import save_item
from schedule.weeks import Week, next_week_start

pytestmark = pytest.mark.django_db

WEEK_49 = "/lich-cong-tac/?tuan=2026-W49"


def text_of(response):
    """The page's main text, tags removed and spaces squeezed, as a reader reads it."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r"</?(span|strong|time)\b[^>]*>", "", main)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def day_section(response, heading):
    """The text of one day's group of rows, from its heading to the next day's."""
    text = text_of(response)
    start = text.index(heading)
    following = re.search(
        r"(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật) \d\d/\d\d/\d{4}", text[start + 5 :]
    )
    return text[start : start + 5 + following.start()] if following else text[start:]


def test_a_week_lists_its_items_by_day_with_every_column(client):
    leader = make_leader(name="Bà Lê Thị Thu Hà", position="Chủ tịch UBND thị xã")
    make_schedule_item(
        [leader],
        date=date(2026, 12, 2),
        start_time=clock(14, 0),
        end_time=clock(16, 30),
        content="Kiểm tra công trình đường liên xã",
        place="Xã Đông Hòa",
        preparing_unit="Phòng Quản lý đô thị",
        participants="Ban Quản lý dự án",
    )
    make_schedule_item(date=date(2026, 12, 2), start_time=clock(7, 30), content="Giao ban sáng")

    response = client.get(WEEK_49)

    assert response.status_code == 200
    wednesday = day_section(response, "Thứ Tư 02/12/2026")
    assert wednesday.index("07:30 ") < wednesday.index("14:00–16:30")
    for shown in ["Bà Lê Thị Thu Hà, Chủ tịch UBND thị xã", "Kiểm tra công trình đường liên xã",
                  "Xã Đông Hòa", "Phòng Quản lý đô thị", "Ban Quản lý dự án"]:  # fmt: skip
        assert shown in wednesday
    assert "Không có lịch công tác" not in wednesday


def test_every_day_of_the_week_is_shown_and_empty_days_say_so(client):
    make_schedule_item(date=date(2026, 12, 1), content="Tiếp công dân")
    text = text_of(client.get(WEEK_49))
    days = re.findall(r"(Thứ \w+|Chủ nhật) (\d\d/\d\d/2026)", text)
    assert days[-7:] == [
        ("Thứ Hai", "30/11/2026"), ("Thứ Ba", "01/12/2026"), ("Thứ Tư", "02/12/2026"),
        ("Thứ Năm", "03/12/2026"), ("Thứ Sáu", "04/12/2026"), ("Thứ Bảy", "05/12/2026"),
        ("Chủ nhật", "06/12/2026"),
    ]  # fmt: skip
    assert text.count("Không có lịch công tác.") == 6


def test_items_of_other_weeks_stay_on_their_own_pages(client):
    make_schedule_item(date=date(2026, 12, 7), content="Việc của tuần sau")
    make_schedule_item(date=date(2026, 11, 29), content="Việc của tuần trước")
    text = text_of(client.get(WEEK_49))
    assert "Việc của tuần sau" not in text and "Việc của tuần trước" not in text
    assert "Việc của tuần sau" in text_of(client.get("/lich-cong-tac/?tuan=2026-W50"))


def test_the_week_is_grouped_by_the_towns_local_day():
    # An item saved late on Sunday night stays on Sunday: dates are the town's calendar days.
    make_schedule_item(date=date(2026, 12, 6), start_time=clock(23, 30), content="Trực đêm")
    days = week_schedule(week=current_week(now=datetime(2026, 11, 30, 1, 0, tzinfo=UTC)))
    assert [day.name for day in days][-1] == "Chủ nhật"
    assert [item.content for item in days[-1].items] == ["Trực đêm"]


def test_previous_and_next_week_links_cross_the_iso_year(client):
    html = client.get("/lich-cong-tac/?tuan=2026-W53").content.decode()
    assert 'href="/lich-cong-tac/?tuan=2026-W52"' in html
    assert 'href="/lich-cong-tac/?tuan=2027-W01"' in html
    assert "28/12/2026" in html and "03/01/2027" in html


def test_the_page_without_a_week_shows_this_week(client):
    this_week = current_week()
    make_schedule_item(date=this_week.monday, content="Việc đầu tuần này")
    response = client.get("/lich-cong-tac/")
    assert "Việc đầu tuần này" in text_of(response)
    assert f"tuần {this_week.number}/{this_week.year}" in text_of(response)


def test_a_changed_item_shows_what_was_planned_and_why(client):
    item = make_schedule_item(date=date(2026, 12, 2), start_time=clock(8, 0), place="Phòng họp 1")
    item.start_time = clock(14, 0)
    item.place = "Hội trường UBND"
    item.status = ScheduleItem.Status.CHANGED
    item.change_note = "Trùng lịch họp với tỉnh."
    save_item(item=item)

    text = text_of(client.get(WEEK_49))

    assert "Có thay đổi" in text
    assert "Đổi giờ từ 08:00 sang 14:00." in text
    assert "Đổi địa điểm từ Phòng họp 1 sang Hội trường UBND." in text
    assert "Trùng lịch họp với tỉnh." in text


def test_a_cancelled_item_stays_listed_with_the_reason(client):
    item = make_schedule_item(date=date(2026, 12, 3), content="Đối thoại với hộ kinh doanh")
    item.status = ScheduleItem.Status.CANCELLED
    item.change_note = "Tạm hoãn, thời gian mới sẽ thông báo sau."
    save_item(item=item)

    response = client.get(WEEK_49)

    thursday = day_section(response, "Thứ Năm 03/12/2026")
    assert "Đã hủy" in thursday
    assert "Đối thoại với hộ kinh doanh" in thursday
    assert "Tạm hoãn, thời gian mới sẽ thông báo sau." in thursday
    assert 'class="schedule-item is-cancelled"' in response.content.decode()


def test_a_planned_item_shows_no_change_label(client):
    make_schedule_item(date=date(2026, 12, 2))
    text = text_of(client.get(WEEK_49))
    assert "Có thay đổi" not in text and "Đã hủy" not in text


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("?tuan=2026w49", "/lich-cong-tac/?tuan=2026-W49"),
        ("?tuan=2026-W9", "/lich-cong-tac/?tuan=2026-W09"),
        ("?tuan=2026-W49&utm_source=zalo", "/lich-cong-tac/?tuan=2026-W49"),
        ("?fbclid=abc", "/lich-cong-tac/"),
    ],
)
def test_other_spellings_redirect_permanently_to_the_one_address(client, query, location):
    response = client.get("/lich-cong-tac/" + query)
    assert response.status_code == 301
    assert response["Location"] == location


@pytest.mark.parametrize(
    "query",
    ["?tuan=", "?tuan=2026-W54", "?tuan=2025-W53", "?tuan=tuan-nay", "?tuan=%ff",
     "?tuan=2026-W49&tuan=2026-W50", "?tuan=1999-W01", "?tuan=<script>"],
)  # fmt: skip
def test_what_names_no_week_is_a_404(client, query):
    assert client.get("/lich-cong-tac/" + query).status_code == 404


def test_each_week_is_cached_once_and_made_up_spellings_add_no_entry(client):
    assert client.get(WEEK_49)["X-Page-Cache"] == "miss"
    assert client.get(WEEK_49)["X-Page-Cache"] == "hit"
    pages = {key for key in cache._cache if ":pagecache:page:" in key}  # LocMemCache in tests
    for query in ["?tuan=2026w49", "?tuan=2026-W49&x=1", "?tuan=junk", "?tuan=2026-W54"]:
        client.get("/lich-cong-tac/" + query)
    assert {key for key in cache._cache if ":pagecache:page:" in key} == pages


def test_an_edit_to_an_item_refreshes_the_cached_page(client):
    item = make_schedule_item(date=date(2026, 12, 2), start_time=clock(8, 0))
    assert "08:00" in text_of(client.get(WEEK_49))
    item.start_time = clock(9, 15)
    item.status = ScheduleItem.Status.CHANGED
    item.change_note = "Lùi giờ họp."
    save_item(item=item)
    response = client.get(WEEK_49)
    assert response["X-Page-Cache"] == "miss"
    assert "Đổi giờ từ 08:00 sang 09:15." in text_of(response)


def test_renaming_a_leader_refreshes_the_cached_page(client):
    leader = make_leader(name="Ông Phạm Quốc Bảo")
    make_schedule_item([leader], date=date(2026, 12, 2))
    assert "Ông Phạm Quốc Bảo" in text_of(client.get(WEEK_49))
    leader.position = "Chủ tịch UBND thị xã"
    leader.save()
    assert "Ông Phạm Quốc Bảo, Chủ tịch UBND thị xã" in text_of(client.get(WEEK_49))


def test_the_cached_pages_are_refreshed_when_the_week_turns(client):
    assert "a new week begins (the schedule's current week)" in dict(refresh_rules())
    # What the cache holds as the next scheduled change is at most next Monday 00:00 local.
    forget_site_pages()
    client.get("/lich-cong-tac/")
    assert cache.get(NEXT_CHANGE_KEY) <= next_week_start().timestamp()
    assert client.get("/lich-cong-tac/")["X-Page-Cache"] == "hit"
    # When that time has come, the next reader gets a page made afresh, for the new week.
    cache.set(NEXT_CHANGE_KEY, time.time() - 1)
    assert client.get("/lich-cong-tac/")["X-Page-Cache"] == "miss"


def test_the_menu_links_to_the_schedule(client):
    assert 'href="/lich-cong-tac/">Lịch công tác</a>' in client.get("/").content.decode()


def test_the_sitemap_lists_the_schedule(client):
    assert "/lich-cong-tac/</loc>" in whole_sitemap(client)


def test_the_printed_page_names_the_weeks_lasting_address_and_last_update(client, settings):
    this_week = current_week()
    make_schedule_item(date=this_week.monday)
    text = text_of(client.get("/lich-cong-tac/"))
    assert f"in từ {settings.SITE_URL}/lich-cong-tac/?tuan={this_week}, cập nhật lúc " in text


def test_a_week_page_is_not_the_current_week_after_it_passed():
    assert Week.parse("2026-W49") != current_week(now=datetime(2026, 12, 7, 0, 0, tzinfo=UTC))


def test_the_update_time_is_valid_html_with_whole_seconds(client):
    make_schedule_item(date=date(2026, 12, 2))
    html = client.get(WEEK_49).content.decode()
    printed = html.split('class="print-only')[1]
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00">', printed)


def test_changing_only_an_items_leaders_refreshes_the_cached_page(client):
    item = make_schedule_item(date=date(2026, 12, 2))
    leader = make_leader(name="Bà Nguyễn Hoài Phương")
    assert client.get(WEEK_49)["X-Page-Cache"] == "miss"
    item.leaders.add(leader)
    assert "Bà Nguyễn Hoài Phương" in text_of(client.get(WEEK_49))


def test_a_full_week_is_read_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    leaders = [make_leader(), make_leader()]
    for day in Week.parse("2026-W49").days():
        for hour in (8, 14):
            make_schedule_item(leaders, date=day, start_time=clock(hour, 0))
    # The items, their leaders and their changes; whatever the number of items.
    with django_assert_max_num_queries(3):
        days = week_schedule(week=Week.parse("2026-W49"))
        shown = [
            (leader.name, list(item.changes.all()))
            for day in days
            for item in day.items
            for leader in item.leaders.all()
        ]
    assert len(shown) == 28
    assert text_of(client.get(WEEK_49)).count("Lãnh đạo thử") == 28
