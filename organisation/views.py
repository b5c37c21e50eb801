"""The public organisation pages in Vietnamese and English, and a person's vCard; the views only
turn addresses into selector calls."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.pagecache import reader_page
from core.text import vietnamese_slugify

from . import selectors
from .models import Person
from .vcards import vcard

SEARCH_MAX_LENGTH = 100


def directory_context():
    return {
        "chart": selectors.organisation_chart(),
        "leaders": selectors.leadership(),
        "spokespeople": selectors.spokespeople(),
        "units": selectors.units_with_people(),
    }


@require_safe
def directory(request):
    """/to-chuc/: the chart, leadership, spokespeople and directory; with ``?q=`` the people
    found. The page without a search is cached; a search is not (every reader's words would be
    a new page)."""
    if "q" in request.GET:
        return _search(request)
    return _directory(request)


@reader_page()
def _directory(request):
    return render(request, "organisation/directory.html", directory_context())


def _search(request):
    # PostgreSQL refuses NUL in text; no reader means one.
    query = request.GET.get("q", "").replace("\x00", "")[:SEARCH_MAX_LENGTH].strip()
    found = list(selectors.search_people(query=query)) if query else []
    return render(
        request,
        "organisation/directory.html",
        {**directory_context(), "query": query, "found": found, "searched": True},
    )


def _unit_or_404(slug):
    unit = selectors.public_unit(slug=slug)
    if unit is None:
        raise Http404
    return unit


@require_safe
@reader_page()
def unit_page(request, slug):
    return render(request, "organisation/unit.html", {"unit": _unit_or_404(slug)})


@require_safe
@reader_page()
def person_vcard(request, pk):
    # One spelling per card: "7", never "07" or anything that is not a number.
    if not (pk.isascii() and pk.isdecimal()) or str(int(pk)) != pk:
        raise Http404
    person = get_object_or_404(Person.objects.select_related("unit"), pk=int(pk))
    response = HttpResponse(vcard(person), content_type="text/vcard; charset=utf-8")
    filename = vietnamese_slugify(person.name) or f"can-bo-{person.pk}"
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    return response


def english_context(**context):
    return {"town_name_en": settings.TOWN_NAME_EN, **context}


@require_safe
@reader_page()
def english_home(request):
    return render(
        request,
        "organisation/en/home.html",
        english_context(introduction=selectors.introduction(), leaders=selectors.leadership()),
    )


@require_safe
@reader_page()
def english_directory(request):
    return render(request, "organisation/en/directory.html", english_context(**directory_context()))


@require_safe
@reader_page()
def english_unit(request, slug):
    return render(request, "organisation/en/unit.html", english_context(unit=_unit_or_404(slug)))


@require_safe
@reader_page()
def english_contact(request):
    return render(
        request,
        "organisation/en/contact.html",
        english_context(units=selectors.contact_units()),
    )
