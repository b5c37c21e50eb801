"""App configuration for the documents app, and what its edits refresh."""

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        from django.db.models.signals import post_delete

        from core.pagecache import refresh_pages_at, refresh_pages_on
        from core.sections import register_section
        from core.staffhome import register_waiting_work

        from . import approval
        from .models import (
            Document,
            DocumentFile,
            DocumentRelation,
            DocumentType,
            InformationContact,
            IssuingBody,
            PublicInformation,
            Sector,
        )

        register_section("documents", _("Văn bản"), "documents:list")
        register_section("access-to-information", _("Tiếp cận thông tin"), "documents:access")
        # A document shows on the list (every filtered address), its page, the pages of the
        # documents it relates to, the feeds and the sitemap; its kinds in the filters.
        refresh_pages_on(
            Document,
            DocumentFile,
            DocumentRelation,
            DocumentType,
            IssuingBody,
            Sector,
            PublicInformation,
            InformationContact,
        )
        refresh_pages_at(
            Document.objects.next_status_change,
            "a document's effective or expiry date comes (its status changes)",
        )
        approval.register_workflow()
        changelist = lambda: reverse("admin:documents_document_changelist")  # noqa: E731
        register_waiting_work(
            "documents.to_approve",
            singular=gettext_noop("%(count)d văn bản chờ bạn duyệt"),
            plural=gettext_noop("%(count)d văn bản chờ bạn duyệt"),
            count=approval.waiting_for_approval,
            url=lambda: changelist() + "?duyet=cho-toi",
            permission=approval.APPROVE,
            per_user=True,
        )
        register_waiting_work(
            "documents.returned",
            singular=gettext_noop("%(count)d văn bản của bạn bị trả lại"),
            plural=gettext_noop("%(count)d văn bản của bạn bị trả lại"),
            count=approval.returned_to,
            url=lambda: changelist() + "?duyet=tra-lai-cho-toi",
            permission="documents.change_document",
            per_user=True,
        )
        post_delete.connect(
            approval.record_deletion, sender=Document, dispatch_uid="documents_audit_delete"
        )
