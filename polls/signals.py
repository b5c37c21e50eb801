"""The hook the page cache listens to when a poll's counts change."""

from django.db import transaction
from django.dispatch import Signal

from core.pagecache import forget_object_pages

# Sent with ``poll=`` after a ballot is committed.
poll_voted = Signal()


def announce_poll_voted(poll):
    transaction.on_commit(lambda: poll_voted.send(sender=poll.__class__, poll=poll))


def forget_poll_page(poll, **kwargs):
    """That poll's results page goes stale (its counts are on it)."""
    forget_object_pages("poll", poll.pk)
