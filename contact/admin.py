"""The contact inbox in the admin: messages with their status, assignee and internal notes; an
attachment is downloaded through here by staff who may see the message, never from a public
address."""

from pathlib import PurePosixPath

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.uploads import DOCUMENT_CONTENT_TYPES

from .models import ContactMessage


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
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

    @admin.display(description=_("Tệp đính kèm"))
    def attachment_link(self, message):
        if not message.attachment:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:contact_contactmessage_attachment", args=[message.pk]),
            message.attachment_name or _("Tải tệp"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/tep-dinh-kem/",
                self.admin_site.admin_view(self.download_attachment),
                name="contact_contactmessage_attachment",
            ),
            *super().get_urls(),
        ]

    def download_attachment(self, request, pk):
        message = get_object_or_404(ContactMessage, pk=pk)
        if not self.has_view_permission(request, message):
            raise PermissionDenied
        if not message.attachment:
            raise Http404
        extension = PurePosixPath(message.attachment.name).suffix.lstrip(".")
        response = FileResponse(
            message.attachment.open("rb"),
            as_attachment=True,
            filename=f"{message.reference}.{extension}",
            content_type=DOCUMENT_CONTENT_TYPES.get(extension, "application/octet-stream"),
        )
        response["Cache-Control"] = "private, no-store"
        return response
