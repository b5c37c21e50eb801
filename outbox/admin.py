"""Outgoing mail in the admin, in Vietnamese: what waits, what failed and why, sent again on demand.

django-mailer registers its own admin with English column names; it is replaced here.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from mailer.engine import send_all
from mailer.models import (
    PRIORITY_DEFERRED,
    PRIORITY_MEDIUM,
    RESULT_DONT_SEND,
    RESULT_FAILURE,
    RESULT_SUCCESS,
    DontSendEntry,
    Message,
    MessageLog,
)

from .models import MailAttempt, QueuedMail

for model in (Message, MessageLog, DontSendEntry):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


OUTCOMES = {
    RESULT_SUCCESS: _("đã gửi"),
    RESULT_FAILURE: _("lỗi"),
    RESULT_DONT_SEND: _("không gửi (địa chỉ bị chặn)"),
}


def _recipients(message) -> str:
    return ", ".join(message.to_addresses) if message.email else "—"


class ReadOnlyMailAdmin(admin.ModelAdmin):
    """Mail is written by the portal, never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("người nhận"))
    def recipients(self, message):
        return _recipients(message)

    @admin.display(description=_("tiêu đề"))
    def mail_subject(self, message):
        return message.subject if message.email else "—"

    @admin.display(description=_("nội dung"))
    def body(self, message):
        return getattr(message.email, "body", "—")


@admin.register(QueuedMail)
class QueuedMailAdmin(ReadOnlyMailAdmin):
    list_display = ["recipients", "mail_subject", "queued_at", "failed", "tries"]
    fields = ["recipients", "mail_subject", "queued_at", "tries", "body"]
    readonly_fields = fields
    actions = ["send_again"]

    @admin.display(description=_("thời điểm xếp hàng"), ordering="when_added")
    def queued_at(self, message):
        return message.when_added

    @admin.display(description=_("số lần gửi lại"))
    def tries(self, message):
        return message.retry_count

    @admin.display(description=_("gửi lỗi"), boolean=True)
    def failed(self, message):
        return message.priority == PRIORITY_DEFERRED

    @admin.action(description=_("Gửi lại các thư đã chọn"))
    def send_again(self, request, queryset):
        queryset.filter(priority=PRIORITY_DEFERRED).update(priority=PRIORITY_MEDIUM)
        send_all(Message.objects.filter(pk__in=queryset.values("pk")))
        left = Message.objects.filter(pk__in=queryset.values("pk")).count()
        if left:
            self.message_user(
                request, _("%(count)d thư vẫn chưa gửi được.") % {"count": left}, messages.WARNING
            )
        else:
            self.message_user(request, _("Đã gửi các thư đã chọn."))


@admin.register(MailAttempt)
class MailAttemptAdmin(ReadOnlyMailAdmin):
    list_display = ["recipients", "mail_subject", "attempted_at", "outcome", "error"]
    fields = ["recipients", "mail_subject", "attempted_at", "outcome", "error", "body"]
    readonly_fields = fields

    @admin.display(description=_("thời điểm gửi"), ordering="when_attempted")
    def attempted_at(self, attempt):
        return attempt.when_attempted

    @admin.display(description=_("kết quả"))
    def outcome(self, attempt):
        return OUTCOMES.get(attempt.result, attempt.result)

    @admin.display(description=_("lỗi"))
    def error(self, attempt):
        return attempt.log_message or "—"

    def has_delete_permission(self, request, obj=None):
        return False
