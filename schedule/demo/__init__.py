"""The demo work schedule: invented leaders and a week of items (week.json) put in the current
week, so `make run` shows a schedule whatever the date."""

import json
from datetime import time, timedelta
from pathlib import Path

from django.db import transaction

from ..models import Leader, ScheduleItem
from ..services import save_item
from ..weeks import Week

DATA = Path(__file__).with_name("week.json")


def demo_data():
    return json.loads(DATA.read_text(encoding="utf-8"))


def _time(text):
    return time.fromisoformat(text) if text else None


@transaction.atomic
def load_demo_schedule(*, week: Week | None = None) -> int:
    """Create the demo leaders (by name) and ``week``'s demo items (by day and content)
    that are missing; returns how many rows this run created. Run again next week, it adds that
    week's items."""
    data = demo_data()
    week = week or Week.current()
    created = 0
    leaders = []
    for entry in data["leaders"]:
        leader, was_created = Leader.objects.get_or_create(
            name=entry["name"], defaults={"position": entry["position"], "order": entry["order"]}
        )
        created += was_created
        leaders.append(leader)
    for entry in data["items"]:
        day = week.monday + timedelta(days=entry["weekday"])
        start, end = _time(entry["time"]), _time(entry.get("end"))
        if ScheduleItem.objects.filter(date=day, content=entry["content"]).exists():
            continue
        # A changed item is first saved as it was planned, then changed as staff would do it,
        # so that its history reads "Đổi giờ từ ... sang ...".
        planned = entry.get("changed")
        item = ScheduleItem(
            date=day,
            start_time=_time(planned["time"]) if planned and "time" in planned else start,
            end_time=_time(planned.get("end")) if planned and "time" in planned else end,
            content=entry["content"],
            place=planned.get("place", entry["place"]) if planned else entry["place"],
            preparing_unit=entry["preparing_unit"],
            participants=entry["participants"],
        )
        item.full_clean()
        save_item(item=item)
        item.leaders.set(leaders[index] for index in entry["leaders"])
        if planned is not None:
            item.start_time, item.end_time, item.place = start, end, entry["place"]
            item.status = entry["status"]
            item.change_note = entry["note"]
            item.full_clean()
            save_item(item=item)
        created += 1
    return created
