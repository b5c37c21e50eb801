"""Public document pages: the list with filters and search, a document, a file's download, and
the access-to-information page; views only turn HTTP into model and selector calls."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from core.pagecache import reader_page
from stats.tracking import is_bot

from .downloads import count_download
from .models import Document, DocumentFile, InformationContact, PublicInformation
from .selectors import Filters, filter_choices, public_document
from .structured import structured_data

PAGE_SIZE = 20
MAX_PAGE = 1000
SEARCH_MAX_LENGTH = 100


def paginate(request, queryset):
    """One page of ``queryset``; a page number that is not a page is a 404, not a slow query."""
    number = request.GET.get("page", "1")
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if not (number.isascii() and number.isdecimal()) or int(number) > MAX_PAGE:
        raise Http404
    try:
        return Paginator(queryset, PAGE_SIZE).page(number)
    except (EmptyPage, PageNotAnInteger):
        raise Http404 from None


@require_safe
@reader_page(query_keys=Filters.KEYS)
def document_list(request):
    # Filters are cached pages (their addresses are shared); a search ("q") is not.
    filters = Filters.from_query(request.GET)
    # PostgreSQL refuses NUL in text; no reader means one.
    query = request.GET.get("q", "").replace("\x00", "")[:SEARCH_MAX_LENGTH].strip()
    documents = Document.objects.all()
    if query:
        documents = documents.search(query)
    documents = documents.filtered(**filters.as_kwargs()).for_listing()
    # The list's own address without the page number, for the pagination links.
    address = "&".join(
        part for part in [filters.as_query(), urlencode({"q": query}) if query else ""] if part
    )
    return render(
        request,
        "documents/list.html",
        {
            "page": paginate(request, documents),
            "filters": filters,
            "query": query,
            "address_query": address,
            **filter_choices(),
        },
    )


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
def download(request, pk):
    """The file under its real name; each reader's GET counts one download (in a batch).

    Crawlers and link checkers are not counted, by the same rule as page views.
    """
    attached = get_object_or_404(
        DocumentFile.objects.only("file", "original_name", "extension"), pk=pk
    )
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
