"""App configuration for the sidebar blocks, and what their edits refresh."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SidebarConfig(AppConfig):
    name = "sidebar"
    verbose_name = _("Khối thông tin bên phải")

    def ready(self):
        from core.pagecache import refresh_pages_on

        from .blocks import forget_sidebar
        from .models import Song, TownMap, WebsiteLink

        # The sidebar is on every page.
        refresh_pages_on(TownMap, Song, WebsiteLink, also=[forget_sidebar])
