"""Articles under review: approvers per category (``CategoryApprover``)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from review.workflow import register

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
