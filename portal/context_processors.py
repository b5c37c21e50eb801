"""Template context for the site shell: the site's name, the menu and the sidebar blocks."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import shell


def site_shell(request):
    return {
        "site_name": settings.SITE_NAME,
        "town_name": settings.TOWN_NAME,
        "site_url": settings.SITE_URL,
        "shell": SimpleLazyObject(shell.site_shell),
    }
