"""Staff pages: the starting total, and the statistics page (visits per day and most-read)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .charts import visits_chart
from .models import ArticleViews, DailyVisits, SiteCounter

MOST_READ = 10


@admin.register(SiteCounter)
class SiteCounterAdmin(admin.ModelAdmin):
    list_display = ["__str__", "starting_total_grouped", "counted_visits_grouped", "total_grouped"]
    fields = ["starting_total", "counted_visits_grouped", "total_grouped"]
    readonly_fields = ["counted_visits_grouped", "total_grouped"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteCounter.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("số lượt ban đầu"))
    def starting_total_grouped(self, counter):
        return number_format(counter.starting_total, force_grouping=True)

    @admin.display(description=_("lượt đếm được"))
    def counted_visits_grouped(self, counter):
        return number_format(counter.counted_visits, force_grouping=True)

    @admin.display(description=_("tổng hiển thị"))
    def total_grouped(self, counter):
        return number_format(counter.total, force_grouping=True)


@admin.register(DailyVisits)
class DailyVisitsAdmin(admin.ModelAdmin):
    """The statistics page: charts of the last 30 and 365 days, most-read, then the day table."""

    change_list_template = "stats/admin/statistics.html"
    list_display = ["date", "visits"]
    date_hierarchy = "date"
    list_per_page = 31

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        today = timezone.localdate()
        counter = SiteCounter.load()
        context = {
            "charts": [
                (_("30 ngày gần nhất"), self._chart(30, today, _("Lượt truy cập 30 ngày"))),
                (_("365 ngày gần nhất"), self._chart(365, today, _("Lượt truy cập 365 ngày"))),
            ],
            "total": counter.total,
            "starting_total": counter.starting_total,
            "most_read": ArticleViews.objects.most_read(MOST_READ),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=context)

    @staticmethod
    def _chart(days, today, title):
        series = DailyVisits.objects.series(days, today)
        return {
            "svg": visits_chart(series, title),
            "visits": sum(visits for _day, visits in series),
        }
