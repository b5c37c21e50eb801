"""Leaders and their weekly work schedule: what is planned, and what changed since."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.pagecache import forget_site_pages

from .weeks import Week


class Leader(models.Model):
    """A town leader whose work the schedule lists; each ScheduleItem names one or more."""

    name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=200)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("lãnh đạo")
        verbose_name_plural = _("lãnh đạo")

    def __str__(self):
        return f"{self.name} – {self.position}"


class ScheduleItemQuerySet(models.QuerySet):
    def in_week(self, week: Week):
        return self.filter(date__range=(week.monday, week.sunday))

    def for_reading(self):
        """In the order a reader reads a day, with leaders and changes in two more queries."""
        return self.order_by("date", "start_time", "pk").prefetch_related("leaders", "changes")


class ScheduleItem(models.Model):
    """One engagement on the schedule: a day and time, the Leaders who attend, what and where.

    Staff mark an item changed or cancelled rather than silently editing it: the public
    ``change_note`` says why, and each ScheduleChange keeps what was planned before.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Theo kế hoạch")
        CHANGED = "changed", _("Có thay đổi")
        CANCELLED = "cancelled", _("Đã hủy")

    date = models.DateField(_("ngày"), db_index=True)
    start_time = models.TimeField(_("giờ bắt đầu"))
    end_time = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    leaders = models.ManyToManyField(
        Leader, verbose_name=_("lãnh đạo"), related_name="items", blank=True
    )
    content = models.TextField(_("nội dung"))
    place = models.CharField(_("địa điểm"), max_length=255)
    preparing_unit = models.CharField(_("đơn vị chuẩn bị"), max_length=255, blank=True)
    participants = models.TextField(_("thành phần tham dự"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    change_note = models.TextField(
        _("ghi chú thay đổi"),
        blank=True,
        help_text=_(
            "Bạn đọc thấy ghi chú này khi mục có thay đổi hoặc bị hủy; bắt buộc trong hai "
            "trường hợp đó."
        ),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = ScheduleItemQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("mục lịch công tác")
        verbose_name_plural = _("lịch công tác")

    def __str__(self):
        return f"{_day(self.date)} {self.start_time:%H:%M} – {self.content[:60]}"

    def get_absolute_url(self):
        return f"{reverse('schedule:week')}?tuan={self.week}#muc-{self.pk}"

    def clean(self):
        errors = {}
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = _("Giờ kết thúc phải sau giờ bắt đầu.")
        if self.status != self.Status.PLANNED and not self.change_note.strip():
            errors["change_note"] = _(
                "Hãy ghi chú cho bạn đọc biết vì sao mục này thay đổi hoặc bị hủy."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_planned(self):
        return self.status == self.Status.PLANNED

    @property
    def is_changed(self):
        return self.status == self.Status.CHANGED

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def week(self):
        return Week.containing(self.date)

    def planned(self):
        """The date, times and place as they stand, to compare with a later edit."""
        return {field: getattr(self, field) for field in ScheduleChange.TRACKED}


class ScheduleChange(models.Model):
    """What one marking of a ScheduleItem as changed or cancelled altered: the date, times and
    place before (``from_*``) and after (``to_*``), with the public note staff gave.

    Kept so that readers see "Đổi từ 08:00 sang 14:00" rather than a silent edit.
    """

    TRACKED = ("date", "start_time", "end_time", "place")

    item = models.ForeignKey(
        ScheduleItem, verbose_name=_("mục lịch"), on_delete=models.CASCADE, related_name="changes"
    )
    status = models.CharField(_("trạng thái"), max_length=12, choices=ScheduleItem.Status.choices)
    note = models.TextField(_("ghi chú thay đổi"))
    from_date = models.DateField(_("ngày cũ"))
    to_date = models.DateField(_("ngày mới"))
    from_start_time = models.TimeField(_("giờ bắt đầu cũ"))
    to_start_time = models.TimeField(_("giờ bắt đầu mới"))
    from_end_time = models.TimeField(_("giờ kết thúc cũ"), null=True, blank=True)
    to_end_time = models.TimeField(_("giờ kết thúc mới"), null=True, blank=True)
    from_place = models.CharField(_("địa điểm cũ"), max_length=255)
    to_place = models.CharField(_("địa điểm mới"), max_length=255)
    made_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        ordering = ["made_at", "pk"]
        verbose_name = _("thay đổi lịch công tác")
        verbose_name_plural = _("các thay đổi lịch công tác")

    def __str__(self):
        return "; ".join(self.differences()) or str(self.get_status_display())

    def differences(self):
        """What moved, as readers read it: "Đổi giờ từ 08:00 sang 14:00", ..."""
        said = []
        if self.from_date != self.to_date:
            said.append(
                _("Đổi ngày từ %(old)s sang %(new)s")
                % {"old": _day(self.from_date), "new": _day(self.to_date)}
            )
        old_hours = _hours(self.from_start_time, self.from_end_time)
        new_hours = _hours(self.to_start_time, self.to_end_time)
        if old_hours != new_hours:
            said.append(_("Đổi giờ từ %(old)s sang %(new)s") % {"old": old_hours, "new": new_hours})
        if self.from_place != self.to_place:
            said.append(
                _("Đổi địa điểm từ %(old)s sang %(new)s")
                % {"old": self.from_place, "new": self.to_place}
            )
        return said


def _day(value):
    return date_format(value, "SHORT_DATE_FORMAT")


def _hours(start, end):
    return f"{start:%H:%M}–{end:%H:%M}" if end else f"{start:%H:%M}"


def forget_pages_on_new_leaders(sender, action, **kwargs):
    """Receiver of ``m2m_changed``: an item's leaders changed, so every cached page goes stale."""
    if sender is ScheduleItem.leaders.through and action.startswith("post_"):
        forget_site_pages()
