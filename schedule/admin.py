"""Staff pages for leaders and the work schedule: a week at a time, copied forward, and items
marked changed or cancelled with a note readers see."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Leader, ScheduleItem
from .selectors import current_week
from .weeks import NotAWeek, Week, day_name


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "order"]
    list_editable = ["order"]
    search_fields = ["name", "position"]


class WeekFilter(admin.SimpleListFilter):
    """Last, this and next week by name; any other week by its address spelling (2026-W49)."""

    title = _("tuần")
    parameter_name = "tuan"

    def lookups(self, request, model_admin):
        this_week = current_week()
        return [
            (str(this_week.previous()), _("Tuần trước")),
            (str(this_week), _("Tuần này")),
            (str(this_week.next()), _("Tuần sau")),
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            return queryset.in_week(Week.parse(self.value()))
        except NotAWeek as error:
            raise IncorrectLookupParameters(error) from None


@admin.register(ScheduleItem)
class ScheduleItemAdmin(admin.ModelAdmin):
    list_display = ["day", "hours", "content", "leader_names", "place", "status"]
    list_display_links = ["day", "hours", "content"]
    list_filter = [WeekFilter, "leaders", "status"]
    search_fields = ["content", "place", "preparing_unit"]
    date_hierarchy = "date"
    ordering = ["-date", "start_time"]
    filter_horizontal = ["leaders"]
    readonly_fields = ["history", "created_at", "updated_at"]
    actions = ["copy_to_next_week"]
    fieldsets = [
        (None, {"fields": ["date", "start_time", "end_time", "leaders", "content", "place"]}),
        (None, {"fields": ["preparing_unit", "participants"]}),
        (
            _("Thay đổi, hủy"),
            {
                "fields": ["status", "change_note", "history", "created_at", "updated_at"],
                "description": _(
                    "Khi lịch đổi giờ, ngày hoặc địa điểm, hãy sửa các ô trên, chọn trạng "
                    "thái “Có thay đổi” và ghi chú lý do: bạn đọc sẽ thấy lịch cũ và lịch mới. "
                    "Khi hủy, chọn “Đã hủy” và ghi chú lý do."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("leaders")

    @admin.display(description=_("ngày"), ordering="date")
    def day(self, item):
        return f"{day_name(item.date)} {item.date:%d/%m/%Y}"

    @admin.display(description=_("giờ"), ordering="start_time")
    def hours(self, item):
        return f"{item.start_time:%H:%M}" + (f"–{item.end_time:%H:%M}" if item.end_time else "")

    @admin.display(description=_("lãnh đạo"))
    def leader_names(self, item):
        return ", ".join(leader.name for leader in item.leaders.all())

    @admin.display(description=_("lịch sử thay đổi"))
    def history(self, item):
        changes = list(item.changes.all()) if item.pk else []
        if not changes:
            return _("Chưa có thay đổi.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} – {}: {} {}</li>",
                (
                    (
                        f"{localtime(change.made_at):%d/%m/%Y %H:%M}",
                        change.get_status_display(),
                        "; ".join(str(said) for said in change.differences()),
                        f"({change.note})",
                    )
                    for change in changes
                ),
            ),
        )

    def view_on_site(self, item):
        return item.get_absolute_url()

    def save_model(self, request, obj, form, change):
        # Through the service: marking an item changed keeps what was planned before.
        services.save_item(item=obj)

    @admin.action(description=_("Sao chép các mục đã chọn sang tuần sau"), permissions=["add"])
    def copy_to_next_week(self, request, queryset):
        copied, skipped = services.copy_to_next_week(items=queryset)
        message = _("Đã sao chép %(copied)d mục sang tuần sau.") % {"copied": copied}
        if skipped:
            message += " " + _("Bỏ qua %(skipped)d mục (tuần sau đã có, hoặc mục đã hủy).") % {
                "skipped": skipped
            }
        self.message_user(request, message, messages.SUCCESS if copied else messages.WARNING)
