"""App configuration for the documents app, and what its edits refresh."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản")

    def ready(self):

        from core.pagecache import refresh_pages_at, refresh_pages_on
        from core.sections import register_section
        from review.staffwork import offer_review_work

        from . import approval, selectors
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
        # documents it relates to, the feeds and the sitemap; it and its kinds in the filters.
        refresh_pages_on(
            Document, DocumentType, IssuingBody, Sector, also=[selectors.forget_filter_choices]
        )
        refresh_pages_on(DocumentFile, DocumentRelation, PublicInformation, InformationContact)
        refresh_pages_at(
            Document.objects.next_status_change,
            "a document's effective or expiry date comes (its status changes)",
        )
        approval.register_workflow()
        offer_review_work(
            Document,
            waiting=gettext_noop("%(count)d văn bản chờ bạn duyệt"),
            returned=gettext_noop("%(count)d văn bản của bạn bị trả lại"),
            approve_permission=approval.APPROVE,
            change_permission="documents.change_document",
        )
