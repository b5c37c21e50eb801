"""App configuration for outgoing e-mail, and the failed sends it shows staff."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Thư điện tử")

    def ready(self):
        from django.urls import reverse

        from core.staffhome import register_waiting_work

        from .selectors import failed_mail_count

        register_waiting_work(
            "outbox.failed",
            singular=gettext_noop("%(count)d thư chưa gửi được"),
            plural=gettext_noop("%(count)d thư chưa gửi được"),
            count=failed_mail_count,
            url=lambda: reverse("admin:outbox_queuedmail_changelist"),
            permission="outbox.view_queuedmail",
        )
