"""Writes to the schedule: saving an item so its changes stay visible, and copying a week."""

from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction

from .models import ScheduleChange, ScheduleItem

WEEK = timedelta(days=7)


@transaction.atomic
def save_item(*, item: ScheduleItem) -> ScheduleChange | None:
    """Save ``item``; when it is (still) marked changed or cancelled and its date, times, place,
    status or note moved, keep a ScheduleChange with what was planned before.

    The stored row is read under a lock, so two staff saving at once each record what the other
    left, not what both saw when they opened the form.
    """
    before = None
    if item.pk:
        before = ScheduleItem.objects.select_for_update().filter(pk=item.pk).first()
    item.save()
    if before is None or item.status == ScheduleItem.Status.PLANNED:
        return None
    old, new = before.planned(), item.planned()
    if old == new and before.status == item.status and before.change_note == item.change_note:
        return None
    return ScheduleChange.objects.create(
        item=item,
        status=item.status,
        note=item.change_note,
        **{f"from_{field}": value for field, value in old.items()},
        **{f"to_{field}": value for field, value in new.items()},
    )


@transaction.atomic
def copy_to_next_week(*, items: Iterable[ScheduleItem]) -> tuple[int, int]:
    """Copy each item seven days later, as planned, with its leaders; returns (copied, skipped).

    Cancelled items are not copied, and neither is one the next week already has (same day,
    start time and content), so running it twice copies nothing more. The items are locked
    first: two staff copying the same week at once do not make two copies.
    """
    ids = [item.pk for item in items]
    originals = list(
        ScheduleItem.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("date", "start_time", "pk")
    )
    copied = skipped = 0
    for original in originals:
        if original.is_cancelled:
            skipped += 1
            continue
        day = original.date + WEEK
        if ScheduleItem.objects.filter(
            date=day, start_time=original.start_time, content=original.content
        ).exists():
            skipped += 1
            continue
        leaders = list(original.leaders.all())
        copy = ScheduleItem.objects.create(
            date=day,
            start_time=original.start_time,
            end_time=original.end_time,
            content=original.content,
            place=original.place,
            preparing_unit=original.preparing_unit,
            participants=original.participants,
        )
        copy.leaders.set(leaders)
        copied += 1
    return copied, skipped
