"""App configuration for the organisation directory, and what its edits refresh."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Tổ chức bộ máy")

    def ready(self):
        from core.pagecache import refresh_pages_on
        from core.sections import register_section

        from .models import Introduction, Person, Unit

        # Units and people show on the directory, the unit pages, the vCards, the contact page
        # and the English pages; the introduction on /en/. A unit's name is in every page of
        # its people, so every cached page goes stale on any of these edits (they are rare).
        refresh_pages_on(Unit, Person, Introduction)
        register_section("organisation", _("Tổ chức bộ máy"), "organisation:directory")
