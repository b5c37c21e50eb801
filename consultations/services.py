"""Receiving and moderating citizens' comments on a consultation."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.limits import one_writer_per_address_block

from .models import Consultation, ConsultationComment
from .signals import announce_comments_changed

# The first key of the PostgreSQL advisory locks taken here ("CCMT").
COMMENT_LIMIT_LOCK = 0x43434D54


class ConsultationClosed(Exception):
    """The consultation was not open at the moment the comment was to be saved."""


class CommentLimitReached(Exception):
    """Too many comments came from one address block in the last hour."""


def saving_moment():
    """The moment a comment is saved, read once inside its transaction (the tests put it either
    side of a closing time)."""
    return timezone.now()


def comment_limit_reached(ip: str) -> bool:
    since = timezone.now() - timedelta(hours=1)
    return (
        ConsultationComment.objects.from_ip_since(ip, since).count()
        >= settings.CONSULTATIONS_COMMENTS_PER_IP_PER_HOUR
    )


@transaction.atomic
def post_comment(
    *, consultation: Consultation, ip: str, name: str, contact: str, text: str
) -> ConsultationComment:
    """Store a citizen's comment, held for moderation.

    Whether the consultation is open is decided here, at the moment of saving and inside the
    transaction that saves, from its times as stored now (staff may have moved them): a comment
    one second after the closing time is refused with ConsultationClosed, whatever the form saw.
    Raises CommentLimitReached when the address block has sent its hourly comments.
    """
    one_writer_per_address_block(ip, lock=COMMENT_LIMIT_LOCK)
    # Read under a share lock: staff closing it early wait for this comment, or it sees them.
    stored = (
        Consultation.objects.select_for_update()
        .only("opens_at", "closes_at", "slug")
        .get(pk=consultation.pk)
    )
    if not stored.is_open(saving_moment()):
        raise ConsultationClosed
    if comment_limit_reached(ip):
        raise CommentLimitReached
    comment = ConsultationComment.objects.create(
        consultation=stored, ip=ip, name=name, contact=contact, text=text
    )
    # The page shows how many were received: it changes with every comment.
    announce_comments_changed(stored)
    return comment


@transaction.atomic
def moderate(comments: QuerySet, status: str) -> int:
    """Give ``comments`` a new status; consultations whose public comments change are announced."""
    chosen = list(comments.values_list("pk", flat=True))
    changed = list(
        ConsultationComment.objects.select_for_update(of=("self",))
        .select_related("consultation")
        .filter(pk__in=chosen)
        .exclude(status=status)
    )
    touched = {comment.consultation_id: comment.consultation for comment in changed}
    ConsultationComment.objects.filter(pk__in=[comment.pk for comment in changed]).update(
        status=status
    )
    for consultation_id in sorted(touched):
        announce_comments_changed(touched[consultation_id])
    return len(changed)
