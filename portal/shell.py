"""The site shell every page shares (category menu and sidebar blocks), cached until edited.

The shell is cached as rendered HTML: it is the same on every page, and rendering it (a dozen
URL reversals and loops) was a sixth of an article page's render time.
"""

from django.conf import settings
from django.core.cache import cache

from .memo import Memo
from .rendering import render_html

SHELL_CACHE_KEY = "portal:site-shell"
SHELL_CACHE_SECONDS = 60 * 60
_recent_shell = Memo(max_entries=1)


def load_site_shell():
    from news.models import Category

    from .models import Song, TownMap, WebsiteLink

    blocks = {
        "town_map": TownMap.objects.shown().first(),
        "songs": list(Song.objects.shown()),
        "links": list(WebsiteLink.objects.shown()),
    }
    menu = {"categories": Category.objects.top_level()}
    return {
        # Markup stays Markup through the cache.
        "menu_html": render_html("portal/_menu.html", menu),
        "sidebar_html": render_html("portal/_sidebar.html", blocks),
    }


def _shared_site_shell():
    shell = cache.get(SHELL_CACHE_KEY)
    if shell is None:
        shell = load_site_shell()
        cache.set(SHELL_CACHE_KEY, shell, SHELL_CACHE_SECONDS)
    return shell


def site_shell():
    """The shell from this process's memory, else the shared cache: an edit made through another
    process shows after PAGE_CACHE_LOCAL_SECONDS at most, as a cached page's does."""
    return _recent_shell.get_or_load(
        SHELL_CACHE_KEY, _shared_site_shell, settings.PAGE_CACHE_LOCAL_SECONDS
    )


def forget_site_shell(**kwargs):
    cache.delete(SHELL_CACHE_KEY)
    _recent_shell.clear()
