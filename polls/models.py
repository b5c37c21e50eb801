"""Polls (thăm dò ý kiến): a question with 2 to 10 options, readers' ballots, and the counts kept
beside them."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.clientip import address_block
from core.links import cached_reverse
from core.windows import OpeningWindow, WindowQuerySet, closes_after_opening

MIN_OPTIONS = 2
MAX_OPTIONS = 10


class Phase(models.TextChoices):
    UPCOMING = "sap-mo", _("Sắp mở")
    OPEN = "dang-mo", _("Đang thăm dò")
    CLOSED = "da-ket-thuc", _("Đã kết thúc")


class PollQuerySet(WindowQuerySet):
    def current(self, now=None):
        """The poll the sidebar shows: of those open now, the one opened last."""
        return self.open(now).order_by("-opens_at", "-pk").first()


class Poll(OpeningWindow):
    """A question put to readers between two times; its PollOption rows are the answers, each
    reader's Ballot holds the options they chose (one ballot per reader). ``voter_count`` is kept
    in step with the ballots by ``polls.services.cast_ballot``."""

    question = models.CharField(_("câu hỏi"), max_length=255)
    is_multiple_choice = models.BooleanField(_("cho chọn nhiều phương án"), default=False)
    max_choices = models.PositiveSmallIntegerField(
        _("số phương án chọn tối đa"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(MAX_OPTIONS)],
        help_text=_("Khi cho chọn nhiều phương án; để trống nếu được chọn tất cả."),
    )
    results_before_voting = models.BooleanField(
        _("hiện kết quả trước khi bình chọn"),
        default=True,
        help_text=_(
            "Nếu bỏ chọn, người đọc chỉ thấy kết quả sau khi đã bình chọn hoặc khi đã kết thúc."
        ),
    )
    voter_count = models.PositiveIntegerField(_("số người bình chọn"), default=0, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)

    objects = PollQuerySet.as_manager()
    Phase = Phase

    class Meta(OpeningWindow.Meta):
        verbose_name = _("cuộc thăm dò ý kiến")
        verbose_name_plural = _("thăm dò ý kiến")
        constraints = [closes_after_opening("poll_closes_after")]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return cached_reverse("polls:results", self.pk)

    def clean(self):
        super().clean()
        if self.max_choices and not self.is_multiple_choice:
            raise ValidationError(
                {"max_choices": _("Chỉ đặt số phương án tối đa khi cho chọn nhiều phương án.")}
            )

    def choice_bound(self, option_count):
        """How many options one ballot may choose."""
        if not self.is_multiple_choice:
            return 1
        return min(self.max_choices or option_count, option_count)

    def results_public(self, now=None):
        """Whether anyone may see the counts: before voting if staff allow it, else once closed."""
        return self.results_before_voting or self.phase(now) == Phase.CLOSED


def percent(part, whole):
    """``part`` of ``whole`` in per cent, to one decimal, half up: Decimal("4.5")."""
    if not whole:
        return Decimal("0.0")
    value = Decimal(part) * 100 / Decimal(whole)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class PollOption(models.Model):
    """One answer of a Poll; ``vote_count`` is how many ballots chose it, kept in step."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("cuộc thăm dò"), on_delete=models.CASCADE, related_name="options"
    )
    text = models.CharField(_("phương án"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    vote_count = models.PositiveIntegerField(_("số phiếu"), default=0, editable=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("phương án")
        verbose_name_plural = _("phương án")

    def __str__(self):
        return self.text


class Ballot(models.Model):
    """One reader's vote in a Poll (the options they chose are BallotChoice rows); the reader is
    the random id in their signed voter cookie (core.voters)."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("cuộc thăm dò"), on_delete=models.CASCADE, related_name="ballots"
    )
    voter_id = models.CharField(_("mã người bình chọn"), max_length=64)
    ip = models.GenericIPAddressField(_("địa chỉ IP"))
    # What the per-address limit counts (core.clientip.address_block): an IPv6 /64 as one.
    ip_block = models.CharField(_("khối địa chỉ IP"), max_length=43, editable=False, default="")
    created_at = models.DateTimeField(_("thời gian bình chọn"), default=timezone.now)
    options = models.ManyToManyField(
        PollOption, through="BallotChoice", related_name="ballots", verbose_name=_("phương án")
    )

    class Meta:
        verbose_name = _("phiếu bình chọn")
        verbose_name_plural = _("phiếu bình chọn")
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter_id"], name="ballot_one_per_voter")
        ]
        indexes = [
            models.Index(fields=["poll", "ip_block", "created_at"], name="ballot_ip_block_idx")
        ]

    def __str__(self):
        return f"{self.poll}: {self.voter_id[:8]}"

    def save(self, *args, **kwargs):
        self.ip_block = address_block(self.ip)
        super().save(*args, **kwargs)


class BallotChoice(models.Model):
    """An option chosen on a Ballot."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="choices")

    class Meta:
        verbose_name = _("phương án đã chọn")
        verbose_name_plural = _("phương án đã chọn")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "option"], name="ballot_choice_once")
        ]

    def __str__(self):
        return str(self.option)
