"""App configuration for the project package: start-up checks and the staff groups."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from .checks import refuse_to_start_with_captcha_test_mode
        from .staff import ensure_staff_groups

        # Before anything else: a production site must never start with captcha test mode on.
        refuse_to_start_with_captcha_test_mode()
        post_migrate.connect(ensure_staff_groups, dispatch_uid="portal-staff-groups")
