"""One page of a list, as every paginated public page shows it."""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404

from .pagecache import page_number


def paginate(request, items, *, per_page: int):
    """The page of ``items`` that ``?page=`` names in its one spelling (``page_number``); any
    other spelling, and a page past the last, is a 404, not a slow query."""
    try:
        return Paginator(items, per_page).page(page_number(request.GET.get("page")) or 1)
    except EmptyPage:
        raise Http404 from None


def paginate_capped(request, ids, *, show, per_page: int, limit: int):
    """One page of the first ``limit`` of ``ids`` (primary keys, in the order shown), each
    shown as ``show(page_ids)`` returns it (rows, or their HTML, in that order); and whether
    more than ``limit`` matched.

    For searches: counting every match of common words was most of a search's time, and a
    reader looks at the first pages only, so the ids are read up to ``limit`` + 1 and no
    count is asked ("hơn 200 văn bản").
    """
    ids = list(ids[: limit + 1])
    page = paginate(request, ids[:limit], per_page=per_page)
    page.object_list = show(list(page.object_list))
    return page, len(ids) > limit
