"""Readers' feedback app: what votes and comments refresh, and what waits for moderators."""

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class RatingsConfig(AppConfig):
    name = "ratings"
    verbose_name = _("Phản hồi của bạn đọc")

    def ready(self):
        from core.pagecache import refresh_on_signal
        from core.staffhome import register_waiting_work

        from .models import Comment
        from .signals import comments_moderated, feedback_changed, forget_article_page

        refresh_on_signal(
            feedback_changed,
            forget_article_page,
            "a vote, or a comment published, withdrawn, deleted or replied to",
        )
        register_waiting_work(
            "ratings.pending_comments",
            singular=gettext_noop("%(count)d bình luận chờ duyệt"),
            plural=gettext_noop("%(count)d bình luận chờ duyệt"),
            count=lambda: Comment.objects.filter(status=Comment.Status.PENDING).count(),
            url=lambda: reverse("admin:ratings_comment_changelist") + "?status__exact=pending",
            permission="ratings.change_comment",
        )
        comments_moderated.connect(_record_moderation, dispatch_uid="ratings_audit_moderation")


def _record_moderation(sender, comments, status, **kwargs):
    """Each moderated comment goes on the audit log (who and from where come from the request)."""
    from audit.services import Action, record

    label = sender.Status(status).label
    for comment in comments:
        record(action=Action.MODERATE, target=comment, detail=str(label))
