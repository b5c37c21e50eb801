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
