"""Pieces of HTML that read the same wherever they show (a document's row in any list), kept by
this process until the site's cached pages go stale, so that a page rendered for one reader (a
search) renders only the pieces it has not rendered lately.

A piece is kept under the site version of ``core.pagecache``: every edit that refreshes the
cached pages (``refresh_pages_on``, ``refresh_pages_at``) makes new keys, so a piece is never
older than a cached page would be.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from markupsafe import Markup

from .memo import Memo
from .pagecache import page_versions

_recent_pieces = Memo(max_entries=5_000)


def rendered_pieces(kind: str, keys: Iterable, render: Callable[[list], dict]) -> list[Markup]:
    """The HTML piece of ``kind`` for each of ``keys``, in order: those this process rendered
    for the current site version, and ``render(missing_keys)`` ({key: HTML}) for the rest. A
    key ``render`` leaves out (a row gone since its key was read) is left out."""
    keys = list(keys)
    (site_version,) = page_versions()
    pieces = {}
    missing = []
    for key in keys:
        piece = _recent_pieces.get((kind, site_version, key))
        if piece is None:
            missing.append(key)
        else:
            pieces[key] = piece
    if missing:
        for key, piece in render(missing).items():
            _recent_pieces.set((kind, site_version, key), piece, settings.PAGE_CACHE_SECONDS)
            pieces[key] = piece
    return [pieces[key] for key in keys if key in pieces]
