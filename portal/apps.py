"""App configuration for the portal shell: staff groups after migrate, shell cache invalidation."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Giao diện cổng thông tin")

    def ready(self):
        from news.models import Category

        from .models import Song, TownMap, WebsiteLink
        from .shell import forget_site_shell
        from .staff import ensure_staff_groups

        post_migrate.connect(ensure_staff_groups, dispatch_uid="portal-staff-groups")
        for model in (Category, TownMap, Song, WebsiteLink):
            post_save.connect(forget_site_shell, sender=model, dispatch_uid=f"shell-save-{model}")
            post_delete.connect(forget_site_shell, sender=model, dispatch_uid=f"shell-del-{model}")
