"""Reads about outgoing mail."""

from mailer.models import PRIORITY_DEFERRED, Message


def failed_mail_count() -> int:
    """Messages whose last try failed and that wait for ``retry_deferred``/``send_mail``."""
    return Message.objects.filter(priority=PRIORITY_DEFERRED).count()
