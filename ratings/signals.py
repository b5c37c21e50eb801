"""The hook other layers (the page cache) listen to when an article's public feedback changes."""

from django.db import transaction
from django.dispatch import Signal

# Sent with ``article=`` after the change is committed: a vote stored or changed, a comment
# published, or a published comment withdrawn, deleted or given a new official reply.
feedback_changed = Signal()


def announce_feedback_changed(article):
    transaction.on_commit(lambda: feedback_changed.send(sender=article.__class__, article=article))
