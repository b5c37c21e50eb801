"""ISO weeks as the schedule's address spells them (``?tuan=2026-W49``), in the town's time zone."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

# The one spelling a week's address has, so that each week is one page (and one cache entry).
CANONICAL = re.compile(r"([0-9]{4})-W([0-9]{2})")
# Spellings a person might type for the same week: answered with a redirect to the canonical one.
LOOSE = re.compile(r" *([0-9]{4}) *-? *[Ww] *([0-9]{1,2}) *")
# Weeks outside these years are no page: a schedule is about now, and a crawler walking the
# "next week" links forever stops here.
FIRST_YEAR = 2000
LAST_YEAR = 2099
DAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


class NotAWeek(ValueError):
    """The text names no ISO week the schedule shows."""


@dataclass(frozen=True, order=True)
class Week:
    """An ISO 8601 week: Monday to Sunday, numbered within its ISO year (2026-W53 is real)."""

    year: int
    number: int

    def __post_init__(self):
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise NotAWeek(f"year {self.year} is outside {FIRST_YEAR}-{LAST_YEAR}")
        try:
            date.fromisocalendar(self.year, self.number, 1)
        except ValueError as error:
            raise NotAWeek(str(error)) from None

    @classmethod
    def parse(cls, text):
        """The week ``text`` names in the canonical spelling "2026-W49", else ``NotAWeek``."""
        match = CANONICAL.fullmatch(text)
        if not match:
            raise NotAWeek(f"not spelled YYYY-Www: {text[:20]!r}")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def parse_loosely(cls, text):
        """The week ``text`` names in any spelling a person might type ("2026w9"), else
        ``NotAWeek``; the caller redirects to ``str(week)``."""
        match = LOOSE.fullmatch(text) if text.isascii() else None
        if not match:
            raise NotAWeek(f"names no week: {text[:20]!r}")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def containing(cls, day):
        year, number, _weekday = day.isocalendar()
        return cls(year, number)

    @classmethod
    def current(cls, now=None):
        """The week it is now in the town (Asia/Ho_Chi_Minh), not in UTC."""
        return cls.containing(timezone.localdate(now))

    def __str__(self):
        return f"{self.year:04d}-W{self.number:02d}"

    @property
    def monday(self):
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self):
        return self.monday + timedelta(days=6)

    def days(self):
        return [self.monday + timedelta(days=offset) for offset in range(7)]

    def previous(self):
        """The week before, or None before the first year shown."""
        return self._shifted(-7)

    def next(self):
        """The week after, or None after the last year shown."""
        return self._shifted(7)

    def _shifted(self, days):
        try:
            return Week.containing(self.monday + timedelta(days=days))
        except NotAWeek:
            return None

    def starts_at(self):
        """Monday 00:00 in the town's time zone, as an aware datetime."""
        return timezone.make_aware(datetime.combine(self.monday, time.min))


def day_name(day):
    """ "Thứ Hai", ..., "Chủ nhật" for a date."""
    return DAY_NAMES[day.weekday()]


def next_week_start(now=None):
    """When the current week's page turns into the next week's: next Monday 00:00, local time."""
    following = Week.current(now).next()
    return following.starts_at() if following else None
