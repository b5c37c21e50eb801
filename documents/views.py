"""Public document pages: the list with filters and search, a document, a file's download, and
the access-to-information page; views only turn HTTP into model and selector calls."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.fragments import rendered_pieces
from core.listing import list_address, list_page
from core.pagecache import is_staff, reader_page
from core.pagination import paginate, paginate_capped
from core.rendering import render_html
from review.models import ReviewState
from stats.tracking import is_bot

from .downloads import count_download
from .models import Document, DocumentFile, InformationContact, PublicInformation
from .selectors import SEARCH_MAX_RESULTS, Filters, filter_choices, matching_ids, public_document
from .structured import structured_data

PAGE_SIZE = 20
SEARCH_MAX_LENGTH = 100


@list_page(filter_keys=Filters.KEYS)
def document_list(request):
    """The list, filtered and searched as the address says."""
    filters = Filters.from_query(request.GET)
    address = list_address(request, filters=filters, search_max_length=SEARCH_MAX_LENGTH)
    if address.redirect:
        return address.redirect
    more_than_shown = False
    if address.search:
        page, more_than_shown = paginate_capped(
            request,
            matching_ids(
                search=address.search, limit=SEARCH_MAX_RESULTS + 1, **filters.as_kwargs()
            ),
            show=document_rows,
            per_page=PAGE_SIZE,
            limit=SEARCH_MAX_RESULTS,
        )
    else:
        listed = Document.objects.published().filtered(**filters.as_kwargs())
        page = paginate(request, listed.values_list("pk", flat=True), per_page=PAGE_SIZE)
        page.object_list = document_rows(list(page.object_list))
    return render(
        request,
        "documents/list.html",
        {
            "page": page,
            "more_than_shown": more_than_shown,
            "filters": filters,
            "search": address.search,
            "address_query": address.query,
            **filter_choices(),
        },
    )


def document_rows(ids):
    """Each document's row in the lists (its HTML, the same in every list), in ``ids`` order:
    a search renders only the rows this process has not rendered since the last edit."""

    def render(missing):
        found = Document.objects.published().for_listing().in_bulk(missing)
        return {
            pk: render_html("documents/_row.html", {"document": document})
            for pk, document in found.items()
        }

    return rendered_pieces("document-row", ids, render)


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
