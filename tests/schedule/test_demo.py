"""The demo schedule (schedule/demo/week.json) lands in the current week, once."""

from datetime import UTC, date, datetime

import pytest

from schedule.demo import demo_data, load_demo_schedule
from schedule.models import Leader, ScheduleChange, ScheduleItem
from schedule.selectors import current_week, week_schedule
from schedule.weeks import Week

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_current_week_and_a_second_run_adds_nothing():
    data = demo_data()
    created = load_demo_schedule()
    assert created == len(data["leaders"]) + len(data["items"])
    this_week = current_week()
    assert ScheduleItem.objects.in_week(this_week).count() == len(data["items"])
    assert load_demo_schedule() == 0


def test_the_demo_shows_a_changed_and_a_cancelled_item_with_their_history():
    load_demo_schedule(week=Week.parse("2026-W49"))
    changed = ScheduleItem.objects.get(status="changed")
    assert changed.date == date(2026, 12, 2)
    assert ScheduleChange.objects.get(item=changed).differences() == [
        "Đổi giờ từ 08:00–10:30 sang 14:00–16:30"
    ]
    assert ScheduleItem.objects.get(status="cancelled").change_note
    assert Leader.objects.count() == 4


def test_run_in_a_later_week_the_demo_adds_that_weeks_items():
    load_demo_schedule(week=Week.parse("2026-W49"))
    later = current_week(now=datetime(2026, 12, 8, tzinfo=UTC))
    assert load_demo_schedule(week=later) == len(demo_data()["items"])
    assert sum(len(day.items) for day in week_schedule(week=later)) == len(demo_data()["items"])
