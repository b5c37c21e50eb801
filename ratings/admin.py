"""Moderation of readers' comments, and the feedback shown on each article's admin page."""

from django.contrib import admin
from django.template.defaultfilters import floatformat
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.moderation import ModeratedInline, ModerationAdmin, moderation_actions

from . import services
from .models import Comment


@admin.register(Comment)
class CommentAdmin(ModerationAdmin):
    list_display = ["excerpt", "name", "article_title", "status", "created_at", "ip", "has_reply"]
    list_filter = ["status", "created_at"]
    list_select_related = ["article"]
    search_fields = ["text", "name", "ip"]
    date_hierarchy = "created_at"
    actions = moderation_actions(
        approve=_("Duyệt các bình luận đã chọn"),
        reject=_("Từ chối các bình luận đã chọn"),
        mark_spam=_("Đánh dấu thư rác các bình luận đã chọn"),
    )
    changed_message = _("Đã cập nhật %d bình luận.")
    fields = [
        "article", "name", "email", "ip", "created_at", "text", "status", "reply",
        "replied_by", "replied_at",
    ]  # fmt: skip
    readonly_fields = [
        "article", "name", "email", "ip", "created_at", "text", "replied_by", "replied_at",
    ]  # fmt: skip

    class Media:
        # Keeps the time, IP and reply columns in view at 1366 px (tests/ratings/...browser).
        css = {"all": ["css/admin-comments.css"]}

    @admin.display(description=_("Bình luận"))
    def excerpt(self, comment):
        return Truncator(comment.text).chars(80)

    @admin.display(description=_("bài viết"), ordering="article__title")
    def article_title(self, comment):
        # A whole title can be two lines long; the comment's page shows it in full.
        return Truncator(comment.article.title).chars(60)

    @admin.display(description=_("Đã trả lời"), boolean=True)
    def has_reply(self, comment):
        return bool(comment.reply)

    def save_model(self, request, comment, form, change):
        services.save_moderated_comment(comment, set(form.changed_data), request.user)

    def moderate(self, queryset, status):
        return services.moderate(queryset, status)


class CommentInline(ModeratedInline):
    """An article's comments, read only (moderation happens on the comment's own page).

    The admin leaves the inline out for staff without a permission on comments.
    """

    model = Comment
    fields = ["name", "text", "status", "created_at", "reply"]


class ArticleFeedbackAdmin:
    """Mixed into the article's admin by the project (portal/admin.py): the article's rating
    figures and comments."""

    inlines = [CommentInline]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "rating_figures"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Đánh giá của bạn đọc"), {"fields": ["rating_figures"]})]

    @admin.display(description=_("Đánh giá"))
    def rating_figures(self, article):
        rating = services.rating_of(article)
        return _("lượt đánh giá: %(count)d, trung bình: %(average)s") % {
            "count": rating.vote_count,
            "average": floatformat(rating.average, 1),
        }
