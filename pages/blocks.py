"""The main menu and the site's identity as every page shows them: ``{{ main_menu() }}`` and
``{{ site_identity() }}`` (template globals, portal/jinja2.py).

Both are baked into cached pages. Each is kept rendered (the menu) or loaded (the identity) in
the shared cache and in this process's memo; a save of a menu entry, a page, a category or the
identity forgets them and refreshes every cached page (pages/apps.py): the change shows at once
through this process, and through another after at most ``PAGE_CACHE_LOCAL_SECONDS``.
"""

from django.core.cache import cache
from django.db import transaction

from core.memo import Memo, read_through
from core.rendering import render_html

from .models import MenuEntry, SiteIdentity
from .selectors import public_paths

# Named after what they hold: a release that changes their shape changes the names.
MENU_CACHE_KEY = "pages:menu:html-v1"
IDENTITY_CACHE_KEY = "pages:identity:v1"
# Forgotten on every edit; this only bounds a copy stored just after an edit by a slow reader.
SHARED_SECONDS = 60 * 60
ACCESSIBILITY_PATH = "tuyen-bo-tiep-can"
_recent_menu = Memo(max_entries=1)
_recent_identity = Memo(max_entries=1)


class MenuItem:
    """What a reader sees of an entry: its label, address and shown sub-entries."""

    def __init__(self, label, url, children=()):
        self.label, self.url, self.children = label, url, list(children)


def menu_items():
    """The shown entries, in order, each with its shown sub-entries.

    An entry whose target is gone, unpublished, or a section no installed app offers is left
    out, with its sub-entries.
    """
    entries = list(MenuEntry.objects.select_related("category", "page"))
    visible_pages = public_paths()

    def shown(entry):
        if entry.kind == MenuEntry.Kind.PAGE and (
            entry.page is None or entry.page.path not in visible_pages
        ):
            return None
        return entry.target()

    items = []
    for entry in (entry for entry in entries if entry.parent_id is None):
        target = shown(entry)
        if target is None:
            continue
        children = []
        for child in entries:
            if child.parent_id == entry.pk and (child_target := shown(child)) is not None:
                children.append(MenuItem(*child_target))
        items.append(MenuItem(*target, children))
    return items


def load_menu():
    items = menu_items()
    # Markup stays Markup through the cache; no entries at all means "no menu of ours".
    return render_html("pages/_menu.html", {"items": items}) if items else ""


def main_menu():
    """The header's main menu as HTML, or "" when staff have arranged none (base.html then
    shows the category menu)."""
    return read_through(_recent_menu, MENU_CACHE_KEY, load_menu, SHARED_SECONDS)


def load_identity():
    identity = SiteIdentity.load()
    # The footer links the accessibility statement when that page is public.
    identity.accessibility_path = (
        ACCESSIBILITY_PATH if ACCESSIBILITY_PATH in public_paths() else None
    )
    return identity


def site_identity():
    """The portal's identity (header and footer), with defaults when staff never saved it."""
    return read_through(_recent_identity, IDENTITY_CACHE_KEY, load_identity, SHARED_SECONDS)


def _forget():
    cache.delete_many([MENU_CACHE_KEY, IDENTITY_CACHE_KEY])
    _recent_menu.clear()
    _recent_identity.clear()


def forget_shell(using=None, **kwargs):
    """Receiver of an edit to what the menu or the identity shows: read them again, now and
    once committed (a reader in between may have kept the rows as they were)."""
    _forget()
    transaction.on_commit(_forget, using=using)
