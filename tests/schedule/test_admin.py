"""Staff keep the schedule in the admin: changes need a public note, weeks copy forward."""

from datetime import date
from datetime import time as clock

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from factories import make_leader, make_schedule_item, make_staff

from portal.staff import OFFICE
from schedule.models import ScheduleChange, ScheduleItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_client(client, db):
    """A member of the Văn phòng group, who keeps the schedule."""
    user = make_staff("vanphong", OFFICE)
    client.force_login(user)
    return client


def form_data(item, **changes):
    data = {
        "date": item.date.strftime("%d/%m/%Y"),
        "start_time": item.start_time.strftime("%H:%M"),
        "end_time": item.end_time.strftime("%H:%M") if item.end_time else "",
        "leaders": [leader.pk for leader in item.leaders.all()],
        "content": item.content,
        "place": item.place,
        "preparing_unit": item.preparing_unit,
        "participants": item.participants,
        "status": item.status,
        "change_note": item.change_note,
        "_save": "Lưu lại",
    }
    data.update(changes)
    return data


def change_url(item):
    return reverse("admin:schedule_scheduleitem_change", args=[item.pk])


def test_the_office_group_enters_an_item(office_client):
    leader = make_leader(name="Bà Nguyễn Hoài Phương")
    response = office_client.post(
        reverse("admin:schedule_scheduleitem_add"),
        {
            "date": "02/12/2026", "start_time": "08:00", "end_time": "", "leaders": [leader.pk],
            "content": "Họp Ban chỉ đạo chuyển đổi số", "place": "Phòng họp số 2",
            "preparing_unit": "Văn phòng", "participants": "", "status": "planned",
            "change_note": "", "_save": "Lưu lại",
        },
    )  # fmt: skip
    assert response.status_code == 302
    item = ScheduleItem.objects.get()
    assert (item.date, item.start_time, list(item.leaders.all())) == (
        date(2026, 12, 2),
        clock(8, 0),
        [leader],
    )


def test_marking_an_item_changed_without_a_note_keeps_what_staff_typed(office_client):
    item = make_schedule_item(date=date(2026, 12, 2), start_time=clock(8, 0))
    response = office_client.post(
        change_url(item),
        form_data(item, start_time="14:00", place="Hội trường mới", status="changed"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Hãy ghi chú cho bạn đọc biết vì sao mục này thay đổi hoặc bị hủy." in html
    assert 'value="14:00"' in html
    assert 'value="Hội trường mới"' in html
    assert '<option value="changed" selected>' in html
    item.refresh_from_db()
    assert (item.start_time, item.status) == (clock(8, 0), "planned")
    assert not ScheduleChange.objects.exists()


def test_cancelling_without_a_note_is_refused_too(office_client):
    item = make_schedule_item()
    response = office_client.post(change_url(item), form_data(item, status="cancelled"))
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == "planned"


def test_an_end_before_the_start_is_refused_in_vietnamese(office_client):
    item = make_schedule_item(start_time=clock(14, 0))
    response = office_client.post(change_url(item), form_data(item, end_time="09:00"))
    assert "Giờ kết thúc phải sau giờ bắt đầu." in response.content.decode()


def test_marking_changed_with_a_note_keeps_what_was_planned(office_client):
    item = make_schedule_item(date=date(2026, 12, 2), start_time=clock(8, 0), place="Phòng 1")
    response = office_client.post(
        change_url(item),
        form_data(item, start_time="14:00", status="changed", change_note="Trùng lịch với tỉnh."),
    )
    assert response.status_code == 302
    change = ScheduleChange.objects.get(item=item)
    assert (change.from_start_time, change.to_start_time) == (clock(8, 0), clock(14, 0))
    assert change.differences() == ["Đổi giờ từ 08:00 sang 14:00"]
    # The item's page in the admin lists the history.
    html = office_client.get(change_url(item)).content.decode()
    assert "Đổi giờ từ 08:00 sang 14:00" in html and "Trùng lịch với tỉnh." in html


def test_an_ordinary_correction_of_a_planned_item_records_no_change(office_client):
    item = make_schedule_item(place="Phòng họp 1")
    office_client.post(change_url(item), form_data(item, place="Phòng họp số 1"))
    item.refresh_from_db()
    assert item.place == "Phòng họp số 1"
    assert not ScheduleChange.objects.exists()


def copy(client, items):
    return client.post(
        reverse("admin:schedule_scheduleitem_changelist"),
        {"action": "copy_to_next_week", "_selected_action": [item.pk for item in items]},
        follow=True,
    )


def test_copying_a_week_copies_its_items_seven_days_later_with_their_leaders(office_client):
    leader = make_leader()
    monday = make_schedule_item([leader], date=date(2026, 11, 30), content="Giao ban đầu tuần")
    friday = make_schedule_item(date=date(2026, 12, 4), start_time=clock(14, 0))

    response = copy(office_client, [monday, friday])

    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == ["Đã sao chép 2 mục sang tuần sau."]
    copied = ScheduleItem.objects.filter(date__gte=date(2026, 12, 7)).order_by("date")
    assert [(item.date, item.start_time) for item in copied] == [
        (date(2026, 12, 7), clock(8, 0)),
        (date(2026, 12, 11), clock(14, 0)),
    ]
    assert list(copied[0].leaders.all()) == [leader]
    assert copied[0].content == "Giao ban đầu tuần"


def test_copying_again_skips_what_next_week_has_and_cancelled_items(office_client):
    kept = make_schedule_item(date=date(2026, 11, 30), content="Giao ban đầu tuần")
    make_schedule_item(date=date(2026, 12, 7), content="Giao ban đầu tuần")
    new = make_schedule_item(date=date(2026, 12, 1), content="Tiếp công dân")
    cancelled = make_schedule_item(date=date(2026, 12, 2), status="cancelled", change_note="Hoãn.")

    response = copy(office_client, [kept, new, cancelled])

    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == [
        "Đã sao chép 1 mục sang tuần sau. Bỏ qua 2 mục (tuần sau đã có, hoặc mục đã hủy)."
    ]
    assert ScheduleItem.objects.filter(date=date(2026, 12, 7)).count() == 1
    assert ScheduleItem.objects.filter(date=date(2026, 12, 8), content="Tiếp công dân").exists()
    assert not ScheduleItem.objects.filter(date=date(2026, 12, 9)).exists()


def test_the_list_filters_one_week(office_client):
    make_schedule_item(date=date(2026, 12, 2), content="Việc tuần 49")
    make_schedule_item(date=date(2026, 12, 9), content="Việc tuần 50")
    url = reverse("admin:schedule_scheduleitem_changelist")
    html = office_client.get(url, {"tuan": "2026-W49"}).content.decode()
    assert "Việc tuần 49" in html and "Việc tuần 50" not in html
    assert office_client.get(url, {"tuan": "2026-W99"}).status_code in (200, 302)
