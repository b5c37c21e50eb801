"""The contact inbox in the admin: messages with their status, assignee and internal notes; an
attachment is downloaded through here by staff who may see the message, never from a public
address."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.privatefiles import PrivateAttachmentAdmin

from .models import ContactMessage


@admin.register(ContactMessage)
class ContactMessageAdmin(PrivateAttachmentAdmin, admin.ModelAdmin):
    list_display = ["reference", "subject", "name", "created_at", "status", "assigned_to"]
    list_filter = ["status", "assigned_to"]
    search_fields = ["reference", "name", "email", "phone", "subject"]
    date_hierarchy = "created_at"
    list_select_related = ["assigned_to"]
    readonly_fields = [
        "reference",
        "created_at",
        "name",
        "email",
        "phone",
        "subject",
        "message",
        "attachment_link",
        "ip",
    ]
    fieldsets = [
        (
            _("Thư của người dân"),
            {
                "fields": [
                    ("reference", "created_at"),
                    "name",
                    ("email", "phone"),
                    "subject",
                    "message",
                    "attachment_link",
                    "ip",
                ]
            },
        ),
        (_("Xử lý"), {"fields": ["status", "assigned_to", "notes"]}),
    ]

    def has_add_permission(self, request):
        # Messages come from citizens only.
        return False

    def attachment_filename(self, message):
        return message.reference

    def attachment_label(self, message):
        return message.attachment_name or super().attachment_label(message)
