"""The hook other layers (the page cache) listen to when an article's public feedback changes."""

from django.db import transaction
from django.dispatch import Signal

from core.pagecache import forget_object_pages

# Sent with ``article=`` after the change is committed: a vote stored or changed, a comment
# published, or a published comment withdrawn, deleted or given a new official reply.
feedback_changed = Signal()

# Sent with ``comments=`` (the comments whose status staff changed) and ``status=`` (the new one)
# when staff moderate: the audit log records it (ratings/apps.py).
comments_moderated = Signal()


def announce_feedback_changed(article):
    transaction.on_commit(lambda: feedback_changed.send(sender=article.__class__, article=article))


def forget_article_page(article, **kwargs):
    """That article's cached page goes stale (its figures and comments are on it)."""
    forget_object_pages("article", article.slug)
