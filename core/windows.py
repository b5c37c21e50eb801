"""What opens for citizens at one time and closes at a later one (a consultation, a poll): its
two times, where it stands now, and the querysets that find it by its phase."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WindowQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(opens_at__gt=now or timezone.now())

    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def closed(self, now=None):
        return self.filter(closes_at__lte=now or timezone.now())

    def started(self, now=None):
        """What readers may see in feeds and the sitemap: open or closed."""
        return self.filter(opens_at__lte=now or timezone.now())

    def next_phase_change(self):
        """When one of them next opens or closes by itself (an aware datetime), or None."""
        now = timezone.now()
        coming = self.aggregate(
            opening=models.Min("opens_at", filter=Q(opens_at__gt=now)),
            closing=models.Min("closes_at", filter=Q(closes_at__gt=now)),
        )
        upcoming = [moment for moment in coming.values() if moment]
        return min(upcoming) if upcoming else None


def closes_after_opening(name):
    """The database's own check that the window closes after it opens, named ``name``."""
    return models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name=name)


class OpeningWindow(models.Model):
    """Open from ``opens_at`` until ``closes_at``; its phase is computed from the time, never
    stored. A model inheriting it names its phases in ``Phase`` (a TextChoices with UPCOMING,
    OPEN and CLOSED: each app words them for its readers), may name the times its own way by
    declaring the two fields again, and adds ``closes_after_opening`` to its constraints."""

    opens_at = models.DateTimeField(_("bắt đầu"))
    closes_at = models.DateTimeField(_("kết thúc"))

    Phase: type[models.TextChoices]

    class Meta:
        abstract = True
        # The latest to open first. A model's own Meta inherits this one.
        ordering = ["-opens_at", "-pk"]

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")}
            )

    def phase(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return self.Phase.UPCOMING
        if now < self.closes_at:
            return self.Phase.OPEN
        return self.Phase.CLOSED

    def is_open(self, now=None):
        return self.phase(now) == self.Phase.OPEN
