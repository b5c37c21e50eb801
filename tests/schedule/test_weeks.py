"""Weeks as the schedule's address names them, and which week it is in the town."""

from datetime import UTC, date, datetime

import pytest

from schedule.selectors import current_week
from schedule.weeks import NotAWeek, Week, next_week_start


def test_a_week_runs_from_monday_to_sunday():
    week = Week.parse("2026-W49")
    assert (week.monday, week.sunday) == (date(2026, 11, 30), date(2026, 12, 6))
    assert str(week) == "2026-W49"
    assert len(week.days()) == 7


@pytest.mark.parametrize(
    "text", ["2026-W54", "2026-W00", "2025-W53", "2026W49", "2026-w49", "2026-W9", "", "W49",
             "１９２６-W49", "2026-W4９", "2026-W49 ", "1999-W10", "2100-W01", "abc"],
)  # fmt: skip
def test_only_the_canonical_spelling_of_a_real_week_parses(text):
    with pytest.raises(NotAWeek):
        Week.parse(text)


def test_week_53_exists_only_in_long_iso_years():
    # 2026 starts on a Thursday: it has 53 ISO weeks; 2025 has 52.
    assert Week.parse("2026-W53").monday == date(2026, 12, 28)
    with pytest.raises(NotAWeek):
        Week.parse("2025-W53")


def test_the_week_after_2026_w53_is_2027_w01_and_back():
    last = Week.parse("2026-W53")
    assert str(last.next()) == "2027-W01"
    assert Week.parse("2027-W01").previous() == last
    # 1 January 2027 is a Friday: it belongs to 2026's last week.
    assert str(Week.containing(date(2027, 1, 1))) == "2026-W53"
    assert str(Week.containing(date(2027, 1, 4))) == "2027-W01"


@pytest.mark.parametrize("text", ["2026w49", " 2026-w49 ", "2026 W49", "2026-W49", "2026W49"])
def test_other_spellings_of_a_week_are_understood_for_a_redirect(text):
    assert str(Week.parse_loosely(text)) == "2026-W49"


@pytest.mark.parametrize("text", ["2026-W54", "2026-49", "２０２６-W49", "2026-W4٩", "tuần 49"])
def test_nonsense_is_no_week_even_loosely(text):
    with pytest.raises(NotAWeek):
        Week.parse_loosely(text)


def test_the_first_and_last_weeks_shown_have_no_link_further():
    assert Week.parse("2000-W01").previous() is None
    assert Week.parse("2099-W53").next() is None


def test_the_current_week_is_the_towns_not_utcs():
    # Sunday 29/11 17:30 UTC is already Monday 30/11 00:30 in Asia/Ho_Chi_Minh.
    now = datetime(2026, 11, 29, 17, 30, tzinfo=UTC)
    assert str(current_week(now=now)) == "2026-W49"
    assert str(current_week(now=datetime(2026, 11, 29, 16, 59, tzinfo=UTC))) == "2026-W48"


def test_this_weeks_page_turns_at_next_monday_midnight_local_time():
    turn = next_week_start(datetime(2026, 12, 2, 3, 0, tzinfo=UTC))
    assert turn == datetime(2026, 12, 6, 17, 0, tzinfo=UTC)  # Monday 07/12 00:00 (UTC+7)
    assert str(current_week(now=turn)) == "2026-W50"
