"""Public news pages: home, category, article, search; views only turn HTTP into model calls."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.fragments import rendered_pieces
from core.pagecache import is_staff, page_number, reader_page
from core.pagination import paginate, paginate_capped
from core.rendering import render_html

from .models import Article, Category
from .selectors import public_article

HOME_FEATURED = 5
HOME_PER_CATEGORY = 4
SEARCH_MAX_LENGTH = 100
# A reader looks at the newest results; counting every match of common words is what made
# search slow, so results stop here ("hơn 200 bài viết").
SEARCH_MAX_RESULTS = 200
# The cards on a phone's first screen of results: their pictures are never lazy.
FIRST_SCREEN_CARDS = 2
# The query parameters a cached listing reads (core.pagecache: the rest stay out of its key).
LISTING_PARAMS = {"page": page_number}


@require_safe
@reader_page()
def home(request):
    # No pages: a ``?page=`` here is a parameter the page does not use, served the home page.
    published = Article.objects.published().for_listing()
    featured = list(published.filter(is_featured=True)[:HOME_FEATURED])
    latest = published.latest_per_category(HOME_PER_CATEGORY).order_by("-published_at")
    by_category = {}
    for article in latest:
        by_category.setdefault(article.category_id, []).append(article)
    sections = [
        (category, by_category[category.pk])
        for category in Category.objects.all()
        if category.pk in by_category
    ]
    return render(request, "news/home.html", {"featured": featured, "sections": sections})


@require_safe
@reader_page(params=LISTING_PARAMS)
def category_detail(request, slug):
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    articles = Article.objects.published().for_listing().in_category(category)
    return render(
        request,
        "news/category.html",
        {
            "category": category,
            "page": paginate(request, articles, per_page=settings.NEWS_PAGE_SIZE),
        },
    )


@require_safe
@reader_page("article", "slug")
def article_detail(request, slug):
    if is_staff(request):
        articles = Article.objects.select_related("category", "category__parent", "rating")
        article = get_object_or_404(articles, slug=slug)
    else:
        article = public_article(slug=slug)
        if article is None:
            raise Http404
    response = render(
        request,
        "news/article_detail.html",
        {
            "article": article,
            "related": article.related(),
            "is_preview": not article.is_public,
        },
    )
    if not article.is_public:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def search(request):
    # PostgreSQL refuses NUL in text; no reader means one.
    query = request.GET.get("q", "").replace("\x00", "")[:SEARCH_MAX_LENGTH].strip()
    page = None
    more_than_shown = False
    if query:
        page, more_than_shown = paginate_capped(
            request,
            Article.objects.published().newest_match_ids(query, SEARCH_MAX_RESULTS + 1),
            show=search_cards,
            per_page=settings.NEWS_PAGE_SIZE,
            limit=SEARCH_MAX_RESULTS,
        )
    return render(
        request,
        "news/search.html",
        {"query": query, "page": page, "more_than_shown": more_than_shown},
    )


def search_cards(ids):
    """Each found article's card (its HTML, the same in every search), in ``ids`` order: a
    search renders only the cards this process has not rendered since the last edit."""
    keys = [(pk, position < FIRST_SCREEN_CARDS) for position, pk in enumerate(ids)]

    def render(missing):
        found = Article.objects.for_listing().in_bulk([pk for pk, _first in missing])
        return {
            (pk, first_screen): render_html(
                "news/_card.html",
                {"article": found[pk], "heading": "h2", "first_screen": first_screen},
            )
            for pk, first_screen in missing
            if pk in found
        }

    return rendered_pieces("search-card", keys, render)
