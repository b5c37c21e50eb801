"""The footer's counters and an article's view count, as the public templates call them.

Both are filled in as each page is served (``core.pagecache.serve_time``), from the figures this
process read last (``services.site_counters``/``article_views``): a cached page shows the same
figures as a fresh one served at the same moment. stats/apps.py registers the fillers.
"""

from django.conf import settings

from core.memo import Memo
from core.pagecache import serve_time
from core.rendering import render_html

from . import services

SITE_COUNTERS = "stats-counters"
ARTICLE_VIEWS = "stats-article-views"
# The HTML of the figures last shown, by their values: rendering the template on every serve
# was a fifth of a cached page's time; the figures change at most every few seconds.
_rendered = Memo(max_entries=10_000)
RENDERED_SECONDS = 60 * 60


def site_counters():
    """The footer's "Thống kê: 3.569.012" and "Online: 81", the same for every reader."""
    return serve_time(SITE_COUNTERS)


def article_views(article):
    return serve_time(ARTICLE_VIEWS, article.pk)


def render_site_counters(_argument=""):
    if not settings.STATS_ENABLED:
        return ""
    counters = services.site_counters()
    return _rendered.get_or_load(
        ("counters", counters["total"], counters["online"]),
        lambda: render_html("stats/_counters.html", {"counters": counters}),
        RENDERED_SECONDS,
    )


def render_article_views(article_id):
    if not settings.STATS_ENABLED:
        return ""
    views = services.article_views(int(article_id))
    return _rendered.get_or_load(
        ("views", views),
        lambda: render_html("stats/_article_views.html", {"views": views}),
        RENDERED_SECONDS,
    )
