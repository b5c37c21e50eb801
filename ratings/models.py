"""Readers' votes and comments on an article, and the running rating figures per article."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.clientip import address_block
from core.moderation import ModeratedQuerySet, ModerationStatus

from .signals import announce_feedback_changed

MIN_STARS = 1
MAX_STARS = 5


class ArticleRating(models.Model):
    """The exact vote count and star total of one article, kept in step with its votes, and how
    many of its comments are public, kept in step with its comments."""

    article = models.OneToOneField(
        "news.Article",
        verbose_name=_("bài viết"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="rating",
    )
    vote_count = models.PositiveIntegerField(_("lượt đánh giá"), default=0)
    star_total = models.PositiveIntegerField(_("tổng số sao"), default=0)
    # The article page asks for comments only when there are some: most articles have none, and
    # the query was a third of the page's database time.
    comment_count = models.PositiveIntegerField(_("bình luận đã đăng"), default=0)

    class Meta:
        verbose_name = _("điểm đánh giá")
        verbose_name_plural = _("điểm đánh giá")

    def __str__(self):
        return f"{self.article}: {self.vote_count}"

    @property
    def average(self):
        """The mean stars to one decimal (4.25 → 4.3), or 0 before the first vote."""
        if not self.vote_count:
            return Decimal("0.0")
        mean = Decimal(self.star_total) / Decimal(self.vote_count)
        return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @classmethod
    def recount_comments(cls, article_id):
        """Recount the article's public comments; called by every change to its comments."""
        with transaction.atomic():
            public = Comment.objects.approved().filter(article_id=article_id)
            # No row is made for none: an article being deleted must not gain one.
            if public.exists():
                cls.objects.bulk_create([cls(article_id=article_id)], ignore_conflicts=True)
            # Serialised by the row's lock, as votes are: the count read after it is exact.
            if cls.objects.select_for_update().filter(article_id=article_id).exists():
                cls.objects.filter(article_id=article_id).update(comment_count=public.count())

    def star_fills(self):
        """How each of the five drawn stars is filled for the average: "full", "half", "empty"."""
        fills = []
        for position in range(MAX_STARS):
            rest = self.average - position
            fills.append(
                "full"
                if rest >= Decimal("0.75")
                else "half"
                if rest >= Decimal("0.25")
                else "empty"
            )
        return fills


class Vote(models.Model):
    """One reader's stars for one article; the reader is the random id in their signed cookie."""

    article = models.ForeignKey(
        "news.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="votes"
    )
    voter_id = models.CharField(_("mã người đánh giá"), max_length=64)
    ip = models.GenericIPAddressField(_("địa chỉ IP"))
    # What the per-address limit counts (core.clientip.address_block): an IPv6 /64 as one.
    ip_block = models.CharField(_("khối địa chỉ IP"), max_length=43, editable=False, default="")
    stars = models.PositiveSmallIntegerField(
        _("số sao"), validators=[MinValueValidator(MIN_STARS), MaxValueValidator(MAX_STARS)]
    )
    created_at = models.DateTimeField(_("thời gian đánh giá"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lượt đánh giá")
        verbose_name_plural = _("lượt đánh giá")
        constraints = [
            models.UniqueConstraint(fields=["article", "voter_id"], name="vote_one_per_voter"),
            models.CheckConstraint(
                condition=Q(stars__gte=MIN_STARS, stars__lte=MAX_STARS), name="vote_stars_range"
            ),
        ]
        indexes = [
            models.Index(fields=["article", "ip_block", "created_at"], name="vote_ip_block_idx")
        ]

    def __str__(self):
        return f"{self.article}: {self.stars}"

    def save(self, *args, **kwargs):
        self.ip_block = address_block(self.ip)
        super().save(*args, **kwargs)


class CommentQuerySet(ModeratedQuerySet):
    def from_ip_in_last_hour(self, ip):
        """Comments from ``ip``'s address block (an IPv6 /64 counts as one reader)."""
        since = timezone.now() - timedelta(hours=1)
        return self.filter(ip_block=address_block(ip), created_at__gte=since)


class Comment(models.Model):
    """A reader's comment on an article, shown only once approved, with an optional staff reply."""

    Status = ModerationStatus

    article = models.ForeignKey(
        "news.Article",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    name = models.CharField(_("họ và tên"), max_length=100)
    email = models.EmailField(_("thư điện tử"), blank=True)
    text = models.TextField(_("nội dung"))
    ip = models.GenericIPAddressField(_("địa chỉ IP"))
    # What the per-address limit counts (core.clientip.address_block): an IPv6 /64 as one.
    ip_block = models.CharField(_("khối địa chỉ IP"), max_length=43, editable=False, default="")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("thời gian gửi"), default=timezone.now, editable=False)
    reply = models.TextField(_("trả lời chính thức"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    replied_at = models.DateTimeField(_("thời gian trả lời"), null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bình luận")
        verbose_name_plural = _("bình luận")
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
            models.Index(fields=["status", "created_at"], name="comment_status_idx"),
            models.Index(fields=["ip_block", "created_at"], name="comment_ip_block_idx"),
        ]

    def __str__(self):
        return f"{self.name}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.ip_block = address_block(self.ip)
        with transaction.atomic():
            super().save(*args, **kwargs)
            ArticleRating.recount_comments(self.article_id)

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED


@receiver(post_delete, sender=Comment, dispatch_uid="ratings-deleted-comment")
def _after_comment_deleted(instance, origin=None, **kwargs):
    """A comment staff deleted: recount, and a public one leaves the cached page at once.

    A signal, not Comment.delete(): the admin deletes comments as a queryset. Comments deleted
    with their article go with its figures and its page, so nothing is done for them.
    """
    if getattr(origin, "model", type(origin)) is not Comment:
        return
    ArticleRating.recount_comments(instance.article_id)
    if instance.is_public:
        announce_feedback_changed(instance.article)
