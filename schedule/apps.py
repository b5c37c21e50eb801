"""App configuration for the work schedule, and what its edits refresh."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = _("Lịch công tác")

    def ready(self):
        from django.db.models.signals import m2m_changed

        from core.pagecache import refresh_on_signal, refresh_pages_at, refresh_pages_on
        from core.sections import register_section

        from .models import Leader, ScheduleChange, ScheduleItem, forget_pages_on_new_leaders
        from .weeks import next_week_start

        register_section("schedule", _("Lịch công tác"), "schedule:week")
        # Items show on the schedule pages; a leader's name or position shows in every row of
        # theirs. A change is saved with its item, but is also refreshed on its own.
        refresh_pages_on(ScheduleItem, Leader, ScheduleChange)
        # The admin sets an item's leaders after saving the item: a reader in between would
        # otherwise cache the page with the old leaders under the new version.
        refresh_on_signal(
            m2m_changed, forget_pages_on_new_leaders, "a schedule item's leaders changed"
        )
        # /lich-cong-tac/ without a week is "this week": it becomes next week's page by itself.
        refresh_pages_at(next_week_start, "a new week begins (the schedule's current week)")
