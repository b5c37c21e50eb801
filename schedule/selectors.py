"""Reads of the schedule: a week's items grouped by day, as readers see them."""

from dataclasses import dataclass
from datetime import date

from .models import ScheduleItem
from .weeks import Week, day_name


@dataclass(frozen=True)
class Day:
    """One day of a week's schedule and its items, in time order (none on a free day)."""

    date: date
    items: list

    @property
    def name(self):
        return day_name(self.date)


def week_schedule(*, week: Week) -> list[Day]:
    """Monday to Sunday of ``week``, each with its items (changed and cancelled ones too)."""
    by_day = {day: [] for day in week.days()}
    for item in ScheduleItem.objects.in_week(week).for_reading():
        by_day[item.date].append(item)
    return [Day(day, items) for day, items in by_day.items()]


def current_week(*, now=None) -> Week:
    """The week it is in the town at ``now`` (default: now)."""
    return Week.current(now)


def last_change(days: list[Day]):
    """When any item shown was last saved, for the printed page's "cập nhật" line."""
    latest = max((item.updated_at for day in days for item in day.items), default=None)
    # Whole seconds: <time datetime> allows at most three digits of a fraction.
    return latest and latest.replace(microsecond=0)
