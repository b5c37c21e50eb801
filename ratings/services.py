"""Casting votes, posting and moderating comments: the rules that span the ratings models."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from core.clientip import address_block
from core.limits import one_writer_per_address_block
from core.voters import new_voter_id  # noqa: F401 - tests and callers' import

from .models import MAX_STARS, MIN_STARS, ArticleRating, Comment, Vote
from .signals import announce_feedback_changed, comments_moderated


class VoteLimitReached(Exception):
    """Too many different readers voted on this article from one IP address today."""


class CommentLimitReached(Exception):
    """Too many comments came from one address block in the last hour."""


# The first key of PostgreSQL advisory locks taken here; the second is the address block's hash.
COMMENT_LIMIT_LOCK = 0x52434D54  # "RCMT"


def rating_of(article):
    """The article's figures, read only: an unsaved zero rating before the first vote.

    Free when the article was loaded with ``select_related("rating")``.
    """
    try:
        return article.rating
    except ArticleRating.DoesNotExist:
        return ArticleRating(article=article)


@transaction.atomic
def cast_vote(article, voter_id, ip, stars):
    """Store ``voter_id``'s stars for ``article`` (a second vote replaces the first).

    Votes on one article are serialised by a row lock on its ArticleRating, and the figures are
    recounted from the votes inside the same transaction, so they stay exact under concurrent
    requests. Returns the updated ArticleRating; raises VoteLimitReached.
    """
    if not MIN_STARS <= stars <= MAX_STARS:
        raise ValueError(f"stars must be between {MIN_STARS} and {MAX_STARS}")
    ArticleRating.objects.bulk_create([ArticleRating(article=article)], ignore_conflicts=True)
    rating = ArticleRating.objects.select_for_update().get(article=article)

    updated = Vote.objects.filter(article=article, voter_id=voter_id).update(
        stars=stars, updated_at=timezone.now()
    )
    if not updated:
        since = timezone.now() - timedelta(days=1)
        voters_from_ip = Vote.objects.filter(
            article=article, ip_block=address_block(ip), created_at__gte=since
        )
        if voters_from_ip.count() >= settings.RATINGS_VOTES_PER_IP_PER_DAY:
            raise VoteLimitReached
        Vote.objects.create(article=article, voter_id=voter_id, ip=ip, stars=stars)

    figures = Vote.objects.filter(article=article).aggregate(count=Count("pk"), total=Sum("stars"))
    rating.vote_count = figures["count"]
    rating.star_total = figures["total"] or 0
    rating.save(update_fields=["vote_count", "star_total"])
    announce_feedback_changed(article)
    return rating


def comment_limit_reached(ip):
    return (
        Comment.objects.from_ip_in_last_hour(ip).count()
        >= settings.RATINGS_COMMENTS_PER_IP_PER_HOUR
    )


@transaction.atomic
def post_comment(article, ip, name, text, email=""):
    """Store a reader's comment: held for moderation unless the portal publishes at once.

    Raises CommentLimitReached when the reader's address block has sent its hourly comments.
    """
    # Exact under concurrency, as the votes' count is under the rating row's lock.
    one_writer_per_address_block(ip, lock=COMMENT_LIMIT_LOCK)
    if comment_limit_reached(ip):
        raise CommentLimitReached
    status = (
        Comment.Status.PENDING
        if settings.RATINGS_COMMENTS_NEED_APPROVAL
        else Comment.Status.APPROVED
    )
    comment = Comment.objects.create(
        article=article, ip=ip, name=name, email=email, text=text, status=status
    )
    if comment.is_public:
        announce_feedback_changed(article)
    return comment


@transaction.atomic
def moderate(comments, status):
    """Give ``comments`` a new status; articles whose public comments change are announced."""
    # Locked afresh by primary key: the admin's queryset may carry joins or DISTINCT.
    chosen = list(comments.values_list("pk", flat=True))
    comments = list(
        Comment.objects.select_for_update(of=("self",))
        .select_related("article")
        .filter(pk__in=chosen)
        .exclude(status=status)
    )
    touched = {}
    for comment in comments:
        if Comment.Status.APPROVED in (comment.status, status):
            touched[comment.article_id] = comment.article
    Comment.objects.filter(pk__in=[comment.pk for comment in comments]).update(status=status)
    for article_id in sorted(touched):
        ArticleRating.recount_comments(article_id)
        announce_feedback_changed(touched[article_id])
    if comments:
        comments_moderated.send(sender=Comment, comments=comments, status=status)
    return len(comments)


def save_moderated_comment(comment, changed_fields, user):
    """Save a comment edited by staff: a new reply is signed, public changes are announced."""
    if "reply" in changed_fields:
        comment.replied_by = user if comment.reply else None
        comment.replied_at = timezone.now() if comment.reply else None
    with transaction.atomic():
        comment.save()
        if "status" in changed_fields:
            comments_moderated.send(sender=Comment, comments=[comment], status=comment.status)
        if "status" in changed_fields or (comment.is_public and "reply" in changed_fields):
            announce_feedback_changed(comment.article)
