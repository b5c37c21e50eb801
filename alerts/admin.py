"""Staff post urgent alerts: what, how urgent, from when until when; the list says which show."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Alert


class ShownFilter(admin.SimpleListFilter):
    """Whether readers see an alert now, will see it later, or no longer see it."""

    title = _("trạng thái")
    parameter_name = "trang_thai"

    def lookups(self, request, model_admin):
        return [
            ("now", _("Đang hiển thị")),
            ("later", _("Chưa đến giờ")),
            ("ended", _("Đã kết thúc")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "now":
            return queryset.shown(now=now)
        if self.value() == "later":
            return queryset.filter(starts_at__gt=now)
        if self.value() == "ended":
            return queryset.filter(ends_at__lte=now)
        return queryset


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["text", "severity", "starts_at", "ends_at", "is_shown"]
    list_filter = [ShownFilter, "severity"]
    search_fields = ["text"]
    date_hierarchy = "starts_at"
    fieldsets = [
        (
            None,
            {
                "fields": ["severity", "text", "link", "starts_at", "ends_at"],
                "description": _(
                    "Banner hiện ở đầu mọi trang của cổng từ giờ bắt đầu đến giờ kết thúc, tự "
                    "hiện và tự ẩn đúng giờ. “Khẩn cấp” được trình đọc màn hình đọc ngay."
                ),
            },
        )
    ]

    @admin.display(description=_("đang hiển thị"), boolean=True)
    def is_shown(self, alert):
        return alert.is_shown_at(timezone.now())
