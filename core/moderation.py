"""What a citizen's moderated text can be, and the staff's moderation of such texts: the statuses
every moderation queue shares, the queryset that picks the public and waiting ones, and the
admin pieces that moderate them (bulk actions, read-only inline)."""

from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _


class ModerationStatus(models.TextChoices):
    """A citizen's comment is held (pending) until staff approve it; only approved is public."""

    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Từ chối")
    SPAM = "spam", _("Thư rác")


class ModeratedQuerySet(models.QuerySet):
    """Texts with a ``status`` field of ModerationStatus."""

    def approved(self):
        return self.filter(status=ModerationStatus.APPROVED)

    def pending(self):
        return self.filter(status=ModerationStatus.PENDING)


def _bulk_action(name, status, description):
    def action(modeladmin, request, queryset):
        modeladmin.moderate_chosen(request, queryset, status)

    action.__name__ = name
    return admin.action(description=description, permissions=["change"])(action)


def moderation_actions(*, approve, reject, mark_spam):
    """The moderation list's three bulk actions (``approve``, ``reject``, ``mark_spam``), each
    described in the app's words: they call the admin's ``moderate_chosen``."""
    return [
        _bulk_action("approve", ModerationStatus.APPROVED, approve),
        _bulk_action("reject", ModerationStatus.REJECTED, reject),
        _bulk_action("mark_spam", ModerationStatus.SPAM, mark_spam),
    ]


class ModerationAdmin(admin.ModelAdmin):
    """The admin list where staff moderate citizens' texts; the app's admin names its
    ``actions`` (``moderation_actions``), the service that changes statuses (``moderate``:
    queryset and status in, how many changed out) and what it reports (``changed_message``,
    with %d for the count)."""

    changed_message: str

    def moderate(self, queryset, status):
        raise NotImplementedError

    def has_add_permission(self, request):
        # The texts come from citizens, through the captcha.
        return False

    def moderate_chosen(self, request, queryset, status):
        changed = self.moderate(queryset, status)
        self.message_user(request, self.changed_message % changed, messages.SUCCESS)


class ModeratedInline(admin.TabularInline):
    """The texts on their subject's admin page, read only (moderated on their own list),
    newest first."""

    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["-created_at"]

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
