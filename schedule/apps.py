"""App configuration for the work schedule, and what its edits refresh."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = _("Lịch công tác")

    def ready(self):
        from core.pagecache import refresh_pages_at, refresh_pages_on

        from .models import Leader, ScheduleChange, ScheduleItem
        from .weeks import next_week_start

        # Items show on the schedule pages; a leader's name or position shows in every row of
        # theirs. A change is saved with its item, but is also refreshed on its own.
        refresh_pages_on(ScheduleItem, Leader, ScheduleChange)
        # /lich-cong-tac/ without a week is "this week": it becomes next week's page by itself.
        refresh_pages_at(next_week_start, "a new week begins (the schedule's current week)")
