"""Urgent alerts staff post (storm, flood, water cut, public-health notice), shown on every
public page between their start and end time."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_https_url = URLValidator(schemes=["https"])


def validate_link(value):
    """A page of the portal ("/lich-cong-tac/") or an https:// address, nothing else.

    "//host" and "/\\host" are addresses on another site for a browser, and other schemes
    (javascript:, http:) have no place in a banner every reader sees.
    """
    is_internal = (
        value.startswith("/")
        and not value.startswith(("//", "/\\"))
        and value.isprintable()
        and " " not in value
    )
    if is_internal:
        return
    try:
        _https_url(value)
    except ValidationError:
        raise ValidationError(
            _(
                "Hãy nhập đường dẫn một trang của cổng (bắt đầu bằng “/”) hoặc một địa chỉ "
                "bắt đầu bằng “https://”."
            ),
            code="invalid_link",
        ) from None


class AlertQuerySet(models.QuerySet):
    def shown(self, *, now):
        """The alerts readers see at ``now``: started, not yet ended."""
        return self.filter(starts_at__lte=now, ends_at__gt=now)

    def not_ended(self, *, now):
        """Shown now or later: what a banner kept for a while may have to show."""
        return self.filter(ends_at__gt=now)

    def most_urgent_first(self):
        return self.order_by("-severity", "starts_at", "pk")


class Alert(models.Model):
    """An urgent notice shown at the top of every public page from ``starts_at`` until
    ``ends_at``, without anyone touching it at either time. Stands alone: it relates to no
    other model, and its optional link points to any page, of the portal or elsewhere."""

    class Severity(models.IntegerChoices):
        # Higher is more urgent: banners show the most urgent first.
        INFO = 1, _("Thông tin")
        WARNING = 2, _("Cảnh báo")
        EMERGENCY = 3, _("Khẩn cấp")

    severity = models.PositiveSmallIntegerField(
        _("mức độ"), choices=Severity.choices, default=Severity.WARNING
    )
    text = models.TextField(
        _("nội dung"),
        max_length=400,
        help_text=_("Ngắn gọn, một hai câu: bạn đọc thấy dòng này ở đầu mọi trang."),
    )
    link = models.CharField(
        _("đường dẫn chi tiết"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_(
            "Không bắt buộc. Một trang của cổng (ví dụ /tin-tuc/...) hoặc địa chỉ https://; "
            "banner có liên kết “Xem chi tiết” tới đó."
        ),
    )
    starts_at = models.DateTimeField(_("hiển thị từ"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("hiển thị đến"), help_text=_("Đến giờ này banner tự biến mất.")
    )

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "pk"]
        verbose_name = _("cảnh báo khẩn")
        verbose_name_plural = _("cảnh báo khẩn")
        indexes = [models.Index(fields=["ends_at"], name="alert_ends_at")]

    def __str__(self):
        return f"{self.get_severity_display()}: {self.text[:60]}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu hiển thị.")}
            )

    def is_shown_at(self, now):
        """The rule of ``AlertQuerySet.shown``, for an alert in hand."""
        return self.starts_at <= now < self.ends_at

    @property
    def is_emergency(self):
        return self.severity == self.Severity.EMERGENCY

    @property
    def severity_name(self):
        """ "info", "warning" or "emergency": the banner's class."""
        return self.Severity(self.severity).name.lower()
