"""What waits for staff: apps register counts (comments to moderate, questions to answer, ...)
that the admin home shows to the staff who may deal with them.

An app registers its items in its own ``apps.py`` ``ready()``; the project's admin home
(portal/templates/admin/index.html) asks ``waiting_for(user)``. Nothing here knows any app.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import ngettext


@dataclass(frozen=True)
class WaitingWork:
    """One kind of work waiting for staff, as an app described it."""

    singular: str
    plural: str
    count: Callable[..., int]
    url: Callable[[], str]
    permission: str
    per_user: bool = False


@dataclass(frozen=True)
class WaitingItem:
    """What the admin home shows: "3 bình luận chờ duyệt", linking to the filtered list."""

    count: int
    label: str
    url: str


_waiting: dict[str, WaitingWork] = {}


def register_waiting_work(
    key: str,
    *,
    singular: str,
    plural: str,
    count: Callable[..., int],
    url: Callable[[], str],
    permission: str,
    per_user: bool = False,
) -> None:
    """Show ``count()`` items to users with ``permission`` on the admin home, linking ``url()``.

    With ``per_user``, ``count(user)`` counts only what that user may act on (the questions of
    their own unit, say), and an item nobody else sees is never counted for them.

    ``singular``/``plural`` are ngettext messages with ``%(count)d``, left untranslated here
    (wrap them in gettext_noop) and translated per request. Registering a key again replaces it.
    """
    _waiting[key] = WaitingWork(singular, plural, count, url, permission, per_user)


def waiting_for(user) -> list[WaitingItem]:
    """The non-empty waiting work ``user`` may deal with, in the order the apps registered it."""
    items = []
    for work in _waiting.values():
        if not user.has_perm(work.permission):
            continue
        count = work.count(user) if work.per_user else work.count()
        if count:
            label = ngettext(work.singular, work.plural, count) % {"count": count}
            items.append(WaitingItem(count=count, label=label, url=work.url()))
    return items
