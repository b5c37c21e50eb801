"""Whole-page cache for anonymous readers, with versioned keys so edits show within seconds.

A page is cached only when it is the same for every reader: an anonymous GET without a session
or messages cookie, answered 200 without cookies. Keys carry a site version, bumped by any edit
that can change every page (an article, a category, a sidebar block), and optionally a version of
one object (an article's feedback), bumped by a new vote or an approved comment. Old keys are
never deleted, they simply stop being asked for and expire.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.cache import patch_cache_control, quote_etag
from django.utils.http import http_date

from .memo import Memo

# Per process, in front of the shared cache: the versions read lately, and pages (pickled, so
# each request gets its own copy to add headers to).
_recent_versions = Memo(max_entries=10_000)
_recent_pages = LocMemCache("pagecache-recent", {"OPTIONS": {"MAX_ENTRIES": 300}})

SITE_VERSION_KEY = "pagecache:site"
NEXT_CHANGE_KEY = "pagecache:next-change"
CACHEABLE_QUERY_KEYS = {"page"}


def _version(key):
    version = cache.get(key)
    if version is None:
        # A random start, so that a lost version key never brings back pages cached before it.
        version = time.time_ns()
        cache.add(key, version, timeout=None)
        version = cache.get(key, version)
    return version


def bump(key=SITE_VERSION_KEY):
    cache.set(key, time.time_ns(), timeout=None)
    _recent_versions.clear()


def forget_site_pages(**kwargs):
    """Every cached page goes stale: for edits that can show on any page."""
    bump(SITE_VERSION_KEY)
    cache.delete(NEXT_CHANGE_KEY)


def _digest(text):
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def _object_version_key(scope, identifier):
    # Hashed: a slug may be longer than some cache backends accept in a key.
    return f"pagecache:{scope}:{_digest(str(identifier))}"


def forget_object_pages(scope, identifier):
    """Pages cached under ``scope``/``identifier`` (e.g. one article's page) go stale."""
    bump(_object_version_key(scope, identifier))


def forget_article_page(article, **kwargs):
    """Receiver for ratings.signals.feedback_changed: that article's page goes stale."""
    forget_object_pages("article", article.slug)


def page_versions(object_key=None):
    """The versions a page's key carries: the site's, and ``object_key``'s if given.

    This process reuses what it read for ``PAGE_CACHE_LOCAL_SECONDS``: a change made through
    another process shows after at most that long (one made here, at once).
    """
    return _recent_versions.get_or_load(
        object_key, lambda: _read_versions(object_key), settings.PAGE_CACHE_LOCAL_SECONDS
    )


def _read_versions(object_key):
    """Read in one round trip with the time of the next scheduled publication; when that time has
    come, the site version is bumped first, so the scheduled article shows at once."""
    from news.models import Article

    keys = [SITE_VERSION_KEY, *([object_key] if object_key else [])]
    found = cache.get_many([NEXT_CHANGE_KEY, *keys])
    next_change = found.get(NEXT_CHANGE_KEY)
    if next_change is None:
        upcoming = Article.objects.scheduled().values_list("published_at", flat=True).first()
        next_change = upcoming.timestamp() if upcoming else float("inf")
        cache.set(NEXT_CHANGE_KEY, next_change, settings.PAGE_CACHE_SECONDS)
    elif time.time() >= next_change:
        forget_site_pages()
        found.pop(SITE_VERSION_KEY, None)
    return [found.get(key) or _version(key) for key in keys]


def is_staff(request):
    """Whether a logged-in staff member asks; readers without a session never touch one.

    Reading ``request.user`` loads the session, and a loaded session makes every answer
    ``Vary: Cookie``; a reader with no session cookie cannot be staff, so it is not read.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated and request.user.is_staff


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    # A session may be staff; a messages cookie means a message to show only to this reader.
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    return set(request.GET) <= CACHEABLE_QUERY_KEYS


def is_cacheable_response(request, response):
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def reader_page(scope=None, identified_by=None):
    """Cache a public view's page for anonymous readers.

    With ``scope``, the page also carries the version of one object, named by the view argument
    ``identified_by``: ``reader_page("article", "slug")`` goes stale on
    ``forget_object_pages("article", slug)``.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not is_cacheable_request(request):
                return view(request, *args, **kwargs)
            object_key = _object_version_key(scope, kwargs[identified_by]) if scope else None
            versions = ":".join(str(version) for version in page_versions(object_key))
            key = f"pagecache:page:{versions}:{_digest(request.get_full_path())}"
            # A key's page never changes (an edit makes new keys), so a copy kept in this
            # process is as good as the shared one, and spares a round trip and a big read.
            response = _recent_pages.get(key)
            if response is None:
                response = cache.get(key)
                if response is not None:
                    _recent_pages.set(key, response, settings.PAGE_CACHE_SECONDS)
            if response is not None:
                response["X-Page-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if is_cacheable_response(request, response):
                _mark_for_revalidation(response)
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
                _recent_pages.set(key, response, settings.PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
            return response

        return wrapped

    return decorator


def _mark_for_revalidation(response):
    # Browsers keep the page but ask again each time; the ETag makes that answer a cheap 304.
    response["ETag"] = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
    response.setdefault("Last-Modified", http_date())
    patch_cache_control(response, max_age=0, must_revalidate=True, public=True)
