"""The hook the page cache listens to when a consultation's comments change."""

from django.db import transaction
from django.dispatch import Signal

from core.pagecache import forget_object_pages

# Sent with ``consultation=`` after the change is committed: a comment received (the count
# changes), or one published, withdrawn or deleted.
comments_changed = Signal()


def announce_comments_changed(consultation):
    transaction.on_commit(
        lambda: comments_changed.send(sender=consultation.__class__, consultation=consultation)
    )


def forget_consultation_page(consultation, **kwargs):
    """That consultation's cached page goes stale (its count and comments are on it)."""
    forget_object_pages("consultation", consultation.slug)
