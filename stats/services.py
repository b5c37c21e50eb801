"""Counting page views and reading the counters, for the middleware, templates and commands."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from core.memo import Memo, read_through
from news.selectors import public_article

from .models import COUNTERS_CACHE_KEY, ArticleViews, FlushedBatch, SiteCounter
from .stores import counter_store

ARTICLE_ID_SECONDS = 5 * 60
FLUSHED_BATCH_DAYS = 30

# Slug -> id of published articles, per process: an article page view then needs no query.
_article_ids = Memo(max_entries=10_000)
# Figures shown on pages (footer counters, article views), per process.
_recent_figures = Memo(max_entries=10_000)


def forget_article_ids(**kwargs):
    """An article was saved or deleted: its slug may now name another row, or none."""
    _article_ids.clear()


def published_article_id(slug):
    article_id = _article_ids.get(slug)
    if article_id is None:
        article = public_article(slug=slug)
        article_id = article.pk if article else 0
        _article_ids.set(slug, article_id, ARTICLE_ID_SECONDS)
    return article_id or None


def count_page_view(view, now=None):
    """Count a reader's page view: a visit, an article view, presence, as the store decides."""
    now = now or timezone.now()
    article_id = published_article_id(view.article_slug) if view.article_slug else None
    counter_store().record(view, article_id, now)


def flush():
    """Write this process's buffered page views, and add counts buffered in Redis to the
    database; returns the visits added from Redis."""
    return counter_store().flush()


def clean(now=None):
    """Flush, then delete presence rows of finished visits and old batch records."""
    now = now or timezone.now()
    store = counter_store()
    flushed = store.flush()
    readers = store.housekeep(now)
    batches, _by_model = FlushedBatch.objects.filter(
        flushed_at__lt=now - timedelta(days=FLUSHED_BATCH_DAYS)
    ).delete()
    return {"flushed_visits": flushed, "readers": readers, "batches": batches}


def _shown(key, load):
    """A figure shown on pages, reused for STATS_DISPLAY_CACHE_SECONDS."""
    return read_through(_recent_figures, key, load, settings.STATS_DISPLAY_CACHE_SECONDS)


def site_counters():
    """Total visits and readers online: shown in every page's footer."""
    return _shown(
        COUNTERS_CACHE_KEY,
        lambda: {
            "total": SiteCounter.load().total,
            "online": counter_store().online(timezone.now()),
        },
    )


def article_views(article_id):
    return _shown(f"stats:article-views:{article_id}", lambda: ArticleViews.of(article_id))


def forget_shown_figures(**kwargs):
    """The footer's figures are read again (the starting total was edited)."""
    cache.delete(COUNTERS_CACHE_KEY)
    _recent_figures.clear()


def forget_recent():
    """Drop per-process memos (tests, or after editing counts by hand)."""
    _article_ids.clear()
    _recent_figures.clear()
    counter_store().forget_recent()
