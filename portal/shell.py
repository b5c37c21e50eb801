"""The site shell every page shares (category menu and sidebar blocks), cached until edited.

The shell is cached as rendered HTML: it is the same on every page, and rendering it (a dozen
URL reversals and loops) was a sixth of an article page's render time.
"""

from django.core.cache import cache

from .memo import Memo, read_through
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


def site_shell():
    return read_through(_recent_shell, SHELL_CACHE_KEY, load_site_shell, SHELL_CACHE_SECONDS)


def forget_site_shell(**kwargs):
    cache.delete(SHELL_CACHE_KEY)
    _recent_shell.clear()
