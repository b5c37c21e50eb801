"""Consultations app: what its edits and its clock refresh, and what waits for moderators."""

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Lấy ý kiến dự thảo")

    def ready(self):
        from core.pagecache import refresh_on_signal, refresh_pages_at, refresh_pages_on
        from core.sections import register_section
        from core.staffhome import register_waiting_work

        from .models import Consultation, ConsultationComment, ConsultationFile
        from .signals import comments_changed, forget_consultation_page

        # A consultation shows on the list, its page, the feed and the sitemap.
        refresh_pages_on(Consultation, ConsultationFile)
        # Opening and closing change its phase, the list's sections, the form and the feed.
        refresh_pages_at(
            Consultation.objects.next_phase_change,
            "a consultation's opening or closing time comes (its phase changes)",
        )
        refresh_on_signal(
            comments_changed,
            forget_consultation_page,
            "a comment on a consultation received, published, withdrawn or deleted",
        )
        register_section("consultations", _("Lấy ý kiến dự thảo"), "consultations:list")
        register_waiting_work(
            "consultations.pending_comments",
            singular=gettext_noop("%(count)d ý kiến góp ý dự thảo chờ duyệt"),
            plural=gettext_noop("%(count)d ý kiến góp ý dự thảo chờ duyệt"),
            count=lambda: ConsultationComment.objects.pending().count(),
            url=lambda: (
                reverse("admin:consultations_consultationcomment_changelist")
                + "?status__exact=pending"
            ),
            permission="consultations.change_consultationcomment",
        )
