"""A public list with filters and a search: one address per list, a cached page unless searched."""

from dataclasses import dataclass
from functools import wraps

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from .pagecache import as_typed, page_number, reader_page


@dataclass(frozen=True)
class ListAddress:
    """What a list's address asks for: the ``search`` typed, the list's own ``query`` without
    the page number (for the pages' links), or the ``redirect`` to its one spelling."""

    search: str
    query: str
    redirect: HttpResponse | None


def list_address(request, *, filters, search_max_length: int) -> ListAddress:
    """Read the search (``?q=``) and ``filters`` (anything with ``as_query()``, in the filter
    form's order) from ``request``.

    The form sends every field, empty or not: one address per list, without the empty ones, so
    that shared links and the page cache see the same list under the same address; any other
    spelling gets a redirect to it.
    """
    # PostgreSQL refuses NUL in text; no reader means one.
    search = request.GET.get("q", "").replace("\x00", "")[:search_max_length].strip()
    query = "&".join(
        part for part in [urlencode({"q": search}) if search else "", filters.as_query()] if part
    )
    requested_page = request.GET.get("page")
    canonical = "&".join(
        part for part in [query, f"page={requested_page}" if requested_page else ""] if part
    )
    moved = None
    if request.META.get("QUERY_STRING", "") != canonical:
        moved = redirect(f"{request.path}?{canonical}" if canonical else request.path)
    return ListAddress(search=search, query=query, redirect=moved)


def list_page(*, filter_keys):
    """Make a list view (which reads its address with ``list_address``) a public page: filtered
    lists are cached pages (their addresses are shared); a search is not (any words would make
    a new page). Only canonical addresses answer 200, so the filters enter the key as typed."""

    def decorator(view):
        cached = reader_page(params={**dict.fromkeys(filter_keys, as_typed), "page": page_number})(
            view
        )

        @require_safe
        @wraps(view)
        def list_view(request, *args, **kwargs):
            if "q" in request.GET:
                return view(request, *args, **kwargs)
            return cached(request, *args, **kwargs)

        return list_view

    return decorator
