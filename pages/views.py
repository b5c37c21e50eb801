"""The town's pages under /trang/, and the site map page /so-do-cong/."""

import re

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.pagecache import is_staff, reader_page
from core.sections import sections
from news.models import Category

from .blocks import menu_items
from .selectors import moved_to, preview_page, public_children, public_page, public_pages

_PATH = re.compile(r"\A[-a-zA-Z0-9_]+(/[-a-zA-Z0-9_]+)*\Z")


@require_safe
@reader_page()
def page_detail(request, path):
    """A page with its breadcrumb and children; an address it left is a permanent redirect."""
    if not _PATH.match(path):
        raise Http404
    page = public_page(path=path)
    if page is None and is_staff(request):
        page = preview_page(path=path)
    if page is None:
        new_address = moved_to(path=path)
        if new_address is None:
            raise Http404
        return HttpResponsePermanentRedirect(new_address)
    is_preview = not all(p.is_published for p in [*page.breadcrumb, page])
    response = render(
        request,
        "pages/page.html",
        {"page": page, "children": public_children(page), "is_preview": is_preview},
    )
    if is_preview:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@reader_page()
def site_map(request):
    """The whole site on one page: the menu, the sections, the news categories and the pages."""
    categories = list(Category.objects.all())
    top_categories = [category for category in categories if category.parent_id is None]
    for category in top_categories:
        category.sub = [c for c in categories if c.parent_id == category.pk]
    return render(
        request,
        "pages/site_map.html",
        {
            "menu": menu_items(),
            "sections": sections(),
            "categories": top_categories,
            "pages": [page for page, depth in public_pages() if depth == 0],
        },
    )
