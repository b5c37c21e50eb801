"""Office staff working on the schedule at the same moment on PostgreSQL: nothing doubled, no
change lost from the history."""

from datetime import date
from datetime import time as clock

import pytest
from django.db import connection
from factories import make_schedule_item
from threads import run_at_once

from schedule import services
from schedule.models import ScheduleChange, ScheduleItem

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_copying_the_same_week_at_once_makes_one_copy_of_each_item():
    items = [
        make_schedule_item(date=date(2026, 11, 30), content="Giao ban đầu tuần"),
        make_schedule_item(date=date(2026, 12, 2), content="Tiếp công dân"),
    ]

    results = run_at_once(4, lambda number: services.copy_to_next_week(items=items))

    assert sum(copied for copied, _skipped in results) == 2
    assert ScheduleItem.objects.filter(date__gte=date(2026, 12, 7)).count() == 2


def test_two_staff_changing_an_item_at_once_leave_a_history_that_follows_on():
    item = make_schedule_item(date=date(2026, 12, 2), start_time=clock(8, 0))
    new_times = [clock(9, 0), clock(10, 0)]

    def change(number):
        # Each opened the form before either saved.
        mine = ScheduleItem.objects.get(pk=item.pk)
        mine.start_time = new_times[number]
        mine.status = ScheduleItem.Status.CHANGED
        mine.change_note = f"Đổi giờ lần {number + 1}."
        services.save_item(item=mine)

    run_at_once(2, change)

    first, second = ScheduleChange.objects.filter(item=item).order_by("pk")
    assert first.from_start_time == clock(8, 0)
    assert second.from_start_time == first.to_start_time
    item.refresh_from_db()
    assert item.start_time == second.to_start_time
