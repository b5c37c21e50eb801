"""The site shell every page shares (category menu and sidebar blocks), cached until edited.

The shell is cached as rendered HTML: it is the same on every page, and rendering it (a dozen
URL reversals and loops) was a sixth of an article page's render time.
"""

from django.core.cache import cache

from .memo import Memo, read_through
from .rendering import render_html

# Named after what it holds: a release that changes the shell's shape changes the name, so its
# processes never read a shell that an older release left in the shared cache.
SHELL_CACHE_KEY = "portal:site-shell:menu-sidebar-categories"
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
    categories = {category.pk: category for category in Category.objects.all()}
    for category in categories.values():
        category.parent = categories.get(category.parent_id)
    return {
        # Markup stays Markup through the cache.
        "menu_html": render_html("portal/_menu.html", menu),
        "sidebar_html": render_html("portal/_sidebar.html", blocks),
        # Every category with its parent, by id: an article page takes its own from here.
        "categories": categories,
    }


def site_shell():
    return read_through(_recent_shell, SHELL_CACHE_KEY, load_site_shell, SHELL_CACHE_SECONDS)


def category(pk):
    """The category with this id, its parent attached, as the menu knows it.

    One created through another server since this process read the shell is read from the
    database.
    """
    from news.models import Category

    found = site_shell()["categories"].get(pk)
    if found is None:
        found = Category.objects.select_related("parent").get(pk=pk)
    return found


def forget_site_shell(**kwargs):
    cache.delete(SHELL_CACHE_KEY)
    _recent_shell.clear()
