"""Public document pages: the list with filters and search, a document, a file's download, and
the access-to-information page; views only turn HTTP into model and selector calls."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from core.pagecache import as_typed, is_staff, page_number, reader_page
from core.pagination import paginate, paginate_capped
from review.models import ReviewState
from stats.tracking import is_bot

from .downloads import count_download
from .models import Document, DocumentFile, InformationContact, PublicInformation
from .selectors import SEARCH_MAX_RESULTS, Filters, filter_choices, matching_ids, public_document
from .structured import structured_data

PAGE_SIZE = 20
SEARCH_MAX_LENGTH = 100


@require_safe
def document_list(request):
    """The list, filtered and searched as the address says. Filtered lists are cached pages
    (their addresses are shared); a search is not (every reader's words would be a new page)."""
    if "q" in request.GET:
        return _document_list(request)
    return _cached_document_list(request)


def _document_list(request):
    filters = Filters.from_query(request.GET)
    # PostgreSQL refuses NUL in text; no reader means one.
    search = request.GET.get("q", "").replace("\x00", "")[:SEARCH_MAX_LENGTH].strip()
    # The list's own address without the page number, in the filter form's order.
    address = "&".join(
        part for part in [urlencode({"q": search}) if search else "", filters.as_query()] if part
    )
    # The form sends every field, empty or not: one address per list, without the empty ones,
    # so that shared links and the page cache see the same list under the same address.
    requested_page = request.GET.get("page")
    canonical = "&".join(
        part for part in [address, f"page={requested_page}" if requested_page else ""] if part
    )
    if request.META.get("QUERY_STRING", "") != canonical:
        return redirect(f"{request.path}?{canonical}" if canonical else request.path)
    listed = Document.objects.published().for_listing()
    more_than_shown = False
    if search:
        page, more_than_shown = paginate_capped(
            request,
            matching_ids(search=search, **filters.as_kwargs()),
            rows=listed,
            per_page=PAGE_SIZE,
            limit=SEARCH_MAX_RESULTS,
        )
    else:
        page = paginate(request, listed.filtered(**filters.as_kwargs()), per_page=PAGE_SIZE)
    return render(
        request,
        "documents/list.html",
        {
            "page": page,
            "more_than_shown": more_than_shown,
            "filters": filters,
            "search": search,
            "address_query": address,
            **filter_choices(),
        },
    )


# Only canonical addresses answer 200 (any other spelling is redirected), so the filters and
# the page number may enter the key as typed.
_cached_document_list = reader_page(
    params={**dict.fromkeys(Filters.KEYS, as_typed), "page": page_number}
)(_document_list)


@require_safe
@reader_page()
def document_detail(request, slug):
    document = public_document(slug=slug)
    if document is None:
        raise Http404
    return render(
        request,
        "documents/detail.html",
        {"document": document, "structured_data": structured_data(document)},
    )


@require_safe
def download(request, key):
    """The file under its real name; each reader's GET counts one download (in a batch).

    Crawlers and link checkers are not counted, by the same rule as page views.
    """
    if not (key.isascii() and key.isdecimal() and len(key) < 19):
        raise Http404
    files = DocumentFile.objects.only("file", "original_name", "extension")
    if not is_staff(request):
        # A file of a document not (yet, or no longer) published is not the public's.
        files = files.filter(document__state=ReviewState.PUBLISHED)
    attached = get_object_or_404(files, pk=int(key))
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if request.method == "GET" and not is_bot(request):
        count_download(attached.pk)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attached.download_name,
        content_type=attached.content_type,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@reader_page()
def access_to_information(request):
    entries = PublicInformation.objects.select_related("doc_type")
    return render(
        request,
        "documents/access.html",
        {"entries": list(entries), "contact": InformationContact.objects.first()},
    )
