"""The review states every reviewable item shares, and the fields an item keeps about its review.

An app adopts the workflow with a few lines: its model inherits ``Reviewable``, declares its state
with ``state_field()`` (``STATE_FIELD`` names it when it is not ``status``), and its ``apps.py``
registers who may approve it (``review.workflow.register``). See DEVELOPERS.md, "Review".
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    """Where an item is on its way to readers; only PUBLISHED is ever public."""

    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã xuất bản")
    RETURNED = "returned", _("Trả lại")
    WITHDRAWN = "withdrawn", _("Gỡ xuống")


# States an editor (who is not an approver of the item) may still change the text in.
EDITABLE_STATES = frozenset({ReviewState.DRAFT, ReviewState.RETURNED, ReviewState.WITHDRAWN})


def state_field(default=ReviewState.DRAFT):
    """The state column of a reviewable model (declared by the model, under its own name)."""
    return models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=ReviewState.choices,
        default=default,
        db_index=False,
    )


class Reviewable(models.Model):
    """What a reviewable item keeps about its review: who sent it, who last decided, and the
    approver's comment the editor reads when it is returned or withdrawn.

    The state itself is the model's own field (``STATE_FIELD``), made with ``state_field()``.
    """

    STATE_FIELD = "status"
    # A field holding the time the item becomes public, if it has one (news: ``published_at``);
    # approving makes the item public at that time if it is still to come, otherwise now.
    PUBLISH_AT_FIELD: str | None = None

    # A default in the database too: code written against an older schema (the migrations of
    # other apps, their tests) still inserts rows.
    review_comment = models.TextField(_("ý kiến người duyệt"), blank=True, db_default="")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("thời gian gửi duyệt"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("thời gian duyệt"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def review_state(self) -> str:
        return getattr(self, self.STATE_FIELD)

    @property
    def review_state_label(self) -> str:
        return ReviewState(self.review_state).label
