"""The sidebar on every public page, as the templates call it: ``{{ sidebar() }}``."""

from django.core.cache import cache

from core.memo import Memo, read_through
from core.rendering import render_html

from .models import Song, TownMap, WebsiteLink

# Named after what it holds: a release that changes its shape changes the name.
SIDEBAR_CACHE_KEY = "sidebar:blocks:html"
SIDEBAR_CACHE_SECONDS = 60 * 60
_recent_sidebar = Memo(max_entries=1)


def load_sidebar():
    return render_html(
        "sidebar/_sidebar.html",
        {
            "town_map": TownMap.objects.shown().first(),
            "songs": list(Song.objects.shown()),
            "links": list(WebsiteLink.objects.shown()),
        },
    )


def sidebar():
    """The town map, the songs and the links, as HTML the same for every reader."""
    return read_through(_recent_sidebar, SIDEBAR_CACHE_KEY, load_sidebar, SIDEBAR_CACHE_SECONDS)


def forget_sidebar(**kwargs):
    cache.delete(SIDEBAR_CACHE_KEY)
    _recent_sidebar.clear()
