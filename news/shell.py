"""The category menu every page shows, and every category by id, kept until a category changes.

The menu is kept as rendered HTML: it is the same on every page, and rendering it (a dozen URL
reversals) was a sixth of an article page's render time.
"""

from django.core.cache import cache

from core.memo import Memo, read_through
from core.rendering import render_html

from .models import Category

# Named after what it holds: a release that changes its shape changes the name, so its
# processes never read what an older release left in the shared cache.
MENU_CACHE_KEY = "news:menu:html-categories"
MENU_CACHE_SECONDS = 60 * 60
_recent_menu = Memo(max_entries=1)


def load_menu():
    categories = {category.pk: category for category in Category.objects.all()}
    for category in categories.values():
        category.parent = categories.get(category.parent_id)
    top_level = [category for category in categories.values() if category.parent_id is None]
    return {
        # Markup stays Markup through the cache.
        "menu_html": render_html("news/_menu.html", {"categories": top_level}),
        # Every category with its parent, by id: an article page takes its own from here.
        "categories": categories,
    }


def _menu():
    return read_through(_recent_menu, MENU_CACHE_KEY, load_menu, MENU_CACHE_SECONDS)


def category_menu():
    """The header's menu of top-level categories, as HTML (a template global)."""
    return _menu()["menu_html"]


def category(pk):
    """The category with this id, its parent attached, as the menu knows it.

    One created through another server since this process read the menu is read from the
    database.
    """
    found = _menu()["categories"].get(pk)
    if found is None:
        found = Category.objects.select_related("parent").get(pk=pk)
    return found


def forget_menu(**kwargs):
    cache.delete(MENU_CACHE_KEY)
    _recent_menu.clear()
