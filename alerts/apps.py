"""App configuration for the urgent-alert banner, and what its edits refresh."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Cảnh báo khẩn")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.pagecache import fill_at_serve_time

        from . import blocks
        from .models import Alert

        # The banner is filled into every page as it is served, cached or not: an alert's edit
        # refreshes only the alerts this process keeps, never the cached pages themselves.
        fill_at_serve_time(blocks.BANNER, blocks.render_alert_banner)
        for signal in (post_save, post_delete):
            signal.connect(blocks.forget_alerts, sender=Alert, dispatch_uid="alerts-banner")
