"""Articles under review: approvers per category (``CategoryApprover``), what waits for whom."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.services import Action, record
from review.models import ReviewState
from review.workflow import register, workflow_for

from .models import Article, CategoryApprover


def approves(user, article: Article) -> bool:
    return article.category_id in CategoryApprover.category_ids_for(user)


def approvable(user) -> Q:
    return Q(category_id__in=CategoryApprover.category_ids_for(user))


def register_workflow():
    register(
        Article,
        approves=approves,
        approvable=approvable,
        text_fields=("title", "lead", "body"),
        # What a restore gives back: the text and how it is presented, not the review state.
        restored_fields=(
            "title",
            "lead",
            "body",
            "cover_caption",
            "author_line",
            "category",
            "is_featured",
        ),  # fmt: skip
        noun=_("bài viết"),
    )


def waiting_for_approval(user) -> int:
    """Submitted articles in ``user``'s categories (all of them for a superuser)."""
    submitted = Article.objects.filter(status=ReviewState.SUBMITTED)
    return workflow_for(Article).approvable_items(user, submitted).count()


def returned_to(user) -> int:
    """Articles ``user`` sent for approval that came back with a comment."""
    return Article.objects.filter(status=ReviewState.RETURNED, submitted_by=user).count()


def record_deletion(sender, instance, **kwargs):
    record(action=Action.DELETE, target=instance)
