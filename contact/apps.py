"""App configuration for the contact inbox, and what waits for staff there."""

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = _("Thư liên hệ")

    def ready(self):
        from core.sections import register_section
        from core.staffhome import register_waiting_work

        from .models import ContactMessage

        # The contact page is never cached (its form carries a token and a captcha key), and the
        # addresses it lists are units: organisation/apps.py refreshes the English contact page.
        register_section("contact", _("Liên hệ"), "contact:form")
        register_waiting_work(
            "contact.new_messages",
            singular=gettext_noop("%(count)d thư liên hệ mới"),
            plural=gettext_noop("%(count)d thư liên hệ mới"),
            count=lambda: ContactMessage.objects.filter(status=ContactMessage.Status.NEW).count(),
            url=lambda: reverse("admin:contact_contactmessage_changelist") + "?status__exact=new",
            permission="contact.change_contactmessage",
        )
