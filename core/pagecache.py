"""Whole-page cache for anonymous readers, with versioned keys so edits show within seconds.

Apps say in their own ``apps.py`` what refreshes their pages (``refresh_pages_on``) and when
pages change on their own (``refresh_pages_at``); ``refresh_rules()`` lists it all in one place.

A page is cached only when it is the same for every reader: an anonymous GET without a session
or messages cookie, answered 200 without cookies. A page's key is its path and the query
parameters its view declares, each in its one canonical spelling: a parameter the page does not
use never makes a new key, so no client can fill the cache or force renders by inventing query
strings, and a spelling that is not canonical (``?page=0001``) is a 404.

Keys carry a site version, bumped by any edit that can change every page (an article, a
category, a sidebar block), and optionally a version of one object (an article's feedback),
bumped by a new vote or an approved comment. Old keys are never deleted, they simply stop being
asked for and expire.

Figures that change by the second (the footer's visit counters, an article's view count) are
not baked into cached pages: a page rendered for the cache carries a placeholder where each
goes, and every serve (hit or miss) fills in the current value (``fill_at_serve_time``,
``serve_time``). Two pages served at the same moment thus show the same figures.

A page is stored once as a ``StoredPage``: its headers, its HTML cut at those placeholders, and
the same compressed with gzip once (core.pagecache_gzip), for the readers whose browser accepts
it. Only these pages are ever compressed: they are the same for every anonymous reader and hold
no secret of one (no CSRF token, no session: see ``is_cacheable_response``), so comparing the
sizes of compressed answers (BREACH) tells an attacker nothing they could not read themselves.

``CachedPageMiddleware`` serves a page this process has served before straight from its copy,
before the middleware below it and URL resolution: most of what a cached page cost was the
work of middleware that has nothing to do for an anonymous reader's GET.
"""

import contextvars
import hashlib
import logging
import re
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers, quote_etag
from django.utils.http import http_date
from markupsafe import Markup

from .memo import Memo, remembered
from .pagecache_gzip import GzipPieces

# Per process, in front of the shared cache: the versions read lately, and pages (StoredPage:
# never changed once made, each serve builds its own response from one).
_recent_versions = Memo(max_entries=10_000)
_recent_pages = Memo(max_entries=300)
# Per process: the pages an address (path and query string, exactly as asked) was served from
# the page cache by its view: (the URL match, the object version key, the page part of the key).
# CachedPageMiddleware serves those addresses without running the view or resolving the URL.
_known_addresses = Memo(max_entries=10_000)

SITE_VERSION_KEY = "pagecache:site"
# Part of every page's key: a change in what a stored page is makes new keys.
PAGE_KEY_PREFIX = "pagecache:page2"
# When pages next change by themselves (a timestamp), and whether it was asked lately.
NEXT_CHANGE_KEY = "pagecache:next-change"
NEXT_CHANGE_CHECKED_KEY = "pagecache:next-change-checked"
# No listing of the site has more pages than this; a higher number is a 404, not a slow query.
MAX_PAGE = 1000


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


# What refreshes cached pages, as the apps declared it in their apps.py: (sender, what it does).
_refresh_rules = []
# Functions that return the next time (an aware datetime, or None) public pages change by
# themselves, such as a scheduled article's publish time.
_scheduled_changes = []


def refresh_pages_on(*models, also=()):
    """Every cached page goes stale when a row of one of ``models`` is saved or deleted; the
    functions in ``also`` (receivers, e.g. a block's own per-process copy) run first."""
    for model in models:
        for receiver in (*also, forget_site_pages):
            for signal in (post_save, post_delete):
                signal.connect(receiver, sender=model, weak=False)
            _refresh_rules.append((f"{model._meta.label} saved or deleted", _name(receiver)))


def refresh_pages_at(next_change, description):
    """Pages go stale by themselves at the time ``next_change()`` returns (checked once per
    ``PAGE_CACHE_SECONDS`` at most, and on every edit)."""
    _scheduled_changes.append(next_change)
    _refresh_rules.append((description, "forget_site_pages"))


def refresh_on_signal(signal, receiver, description):
    """``receiver`` refreshes what it owns when ``signal`` is sent (an app's own event)."""
    signal.connect(receiver, weak=False)
    _refresh_rules.append((description, _name(receiver)))


def refresh_rules():
    """What refreshes cached pages and per-process copies: (what happens, what it refreshes)."""
    return list(_refresh_rules)


def _name(function):
    return f"{function.__module__}.{function.__qualname__}"


def _next_scheduled_change():
    upcoming = [when for when in (change() for change in _scheduled_changes) if when]
    return min(upcoming).timestamp() if upcoming else float("inf")


def forget_object_pages(scope, identifier):
    """Pages cached under ``scope``/``identifier`` (e.g. one article's page) go stale."""
    bump(_object_version_key(scope, identifier))


def page_versions(object_key=None):
    """The versions a page's key carries: the site's, and ``object_key``'s if given.

    This process reuses what it read for ``PAGE_CACHE_LOCAL_SECONDS``: a change made through
    another process shows after at most that long (one made here, at once).
    """
    return _recent_versions.get_or_load(
        object_key, lambda: _read_versions(object_key), settings.PAGE_CACHE_LOCAL_SECONDS
    )


def _read_versions(object_key):
    """Read in one round trip with the time of the next scheduled change; when that time has
    come, the site version is bumped first, so a scheduled article shows at once."""
    keys = [SITE_VERSION_KEY, *([object_key] if object_key else [])]
    found = cache.get_many([NEXT_CHANGE_KEY, NEXT_CHANGE_CHECKED_KEY, *keys])
    next_change = found.get(NEXT_CHANGE_KEY)
    if next_change is not None and time.time() >= next_change:
        forget_site_pages()
        found.pop(SITE_VERSION_KEY, None)
    elif next_change is None or NEXT_CHANGE_CHECKED_KEY not in found:
        # Kept with no expiry, so that a change that comes while nobody reads the site (a
        # document's effective date at midnight) is still seen as come by the next reader;
        # asked again every PAGE_CACHE_SECONDS, for a change no signal announced.
        cache.set(NEXT_CHANGE_KEY, _next_scheduled_change(), timeout=None)
        cache.set(NEXT_CHANGE_CHECKED_KEY, True, settings.PAGE_CACHE_SECONDS)
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
    """Whether ``request`` may get, and fill, the page every anonymous reader gets.

    Query parameters do not decide it: the key holds only those the page declares.
    """
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    # A session may be staff; a messages cookie means a message to show only to this reader.
    return not (settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies)


def page_number(value):
    """The page number ``value`` spells, for ``reader_page(params=...)`` and the views' paginators.

    One spelling per page: ``2``, never ``02``, ``+2``, ``2.0`` or ``２``; page 1 is also the
    page with no parameter at all, so ``"1"`` gives None, as no value does. Anything else, and
    a number above ``MAX_PAGE``, is a 404.
    """
    if value is None or value == "1":
        return None
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if not (value.isascii() and value.isdecimal()) or value.startswith("0"):
        raise Http404("Not a page number")
    if int(value) > MAX_PAGE:
        raise Http404("Beyond the last page any listing has")
    return int(value)


def as_typed(value):
    """A parameter for ``reader_page(params=...)`` taken into the key as typed: for a view that
    answers every spelling but its canonical one with a redirect or a 404 (never cached), so
    only canonical addresses are ever stored."""
    return value


def page_key(request, params):
    """The part of a page's cache key the request decides: its path and, of its query
    parameters, only those in ``params`` ({name: function giving the value's canonical form,
    None for the default, or raising Http404}), so unused parameters never make a new key."""
    query = []
    for name in sorted(params):
        value = params[name](request.GET.get(name))
        if value is not None:
            query.append(f"{name}={value}")
    return _digest(f"{request.path}?{'&'.join(query)}")


def is_cacheable_response(request, response):
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def reader_page(scope=None, identified_by=None, *, params=None):
    """Cache a public view's page for anonymous readers.

    With ``scope``, the page also carries the version of one object, named by the view argument
    ``identified_by``: ``reader_page("article", "slug")`` goes stale on
    ``forget_object_pages("article", slug)``.

    ``params`` names the query parameters the view reads, each with the function that gives its
    canonical form (see ``page_key``): ``reader_page(params={"page": page_number})``. The view
    must read nothing else from the query string: every other parameter is left out of the key,
    and the reader gets the page without it. A value that is not a canonical spelling is a 404
    for every reader, staff included, before the view runs.
    """
    params = params or {}

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            page = page_key(request, params)
            if not is_cacheable_request(request):
                return view(request, *args, **kwargs)
            object_key = _object_version_key(scope, kwargs[identified_by]) if scope else None
            stored, response = _stored_page(object_key, page), None
            if stored is None:
                stored, response = _store(request, view, args, kwargs, object_key, page)
            if stored is None:
                return _filled(response)
            address = (request.path, request.META.get("QUERY_STRING", ""))
            _known_addresses.set(
                address, (request.resolver_match, object_key, page), settings.PAGE_CACHE_SECONDS
            )
            return stored.serve(request, "miss" if response is not None else "hit")

        return wrapped

    return decorator


def _page_cache_key(object_key, page):
    versions = ":".join(str(version) for version in page_versions(object_key))
    return f"{PAGE_KEY_PREFIX}:{versions}:{page}"


def _stored_page(object_key, page):
    """The stored page for these keys, from this process's copy or the shared cache, or None."""
    key = _page_cache_key(object_key, page)
    # A key's page never changes (an edit makes new keys), so a copy kept in this process is
    # as good as the shared one, and spares a round trip and a big read.
    stored = _recent_pages.get(key)
    if stored is None:
        stored = cache.get(key)
        if stored is not None:
            _recent_pages.set(key, stored, settings.PAGE_CACHE_SECONDS)
    return stored


def _store(request, view, args, kwargs, object_key, page):
    """Render the page; (StoredPage, the response) if it may be cached, else (None, response)."""
    token = _rendering_for_cache.set(True)
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    finally:
        _rendering_for_cache.reset(token)
    if not is_cacheable_response(request, response):
        return None, response
    _mark_for_revalidation(response)
    stored = StoredPage(response)
    key = _page_cache_key(object_key, page)
    cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
    _recent_pages.set(key, stored, settings.PAGE_CACHE_SECONDS)
    return stored, response


class CachedPageMiddleware:
    """Serves an anonymous reader's GET of an address this process has served from the page
    cache, from its stored page, without the middleware below it, URL resolution or the view.

    Sits below everything a cached page needs on its way out (security headers, ETags and 304s,
    the visit counter, Content-Language) and above what has nothing to do for a request without
    a session: sessions, CSRF, authentication, messages, two-factor, django-axes, the database
    retry. An address it does not know, or whose page is no longer stored, goes down the stack
    as usual, and the view's page cache serves (and records) it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_cacheable_request(request):
            known = _known_addresses.get((request.path, request.META.get("QUERY_STRING", "")))
            if known is not None:
                match, object_key, page = known
                stored = _stored_page(object_key, page)
                if stored is not None:
                    # CommonMiddleware's check, which this answer skips: a Host not allowed
                    # is a 400, for cached pages too.
                    request.get_host()
                    # What the URL resolved to, for what reads it later (the visit counter).
                    request.resolver_match = match
                    return stored.serve(request, "hit")
        return self.get_response(request)


# Content types worth compressing: the cached pages are HTML, feeds, sitemaps and vCards.
_COMPRESSIBLE_TYPES = ("text/", "application/xml", "application/rss+xml", "application/atom+xml")
# Below this a gzip body is hardly smaller, and costs the browser a decoder.
MIN_COMPRESSED_LENGTH = 200


@remembered(maxsize=256)
def accepts_gzip(accept_encoding):
    """Whether an Accept-Encoding header accepts gzip (``gzip;q=0`` refuses it)."""
    for coding in accept_encoding.lower().split(","):
        name, _, parameters = coding.partition(";")
        if name.strip() in ("gzip", "x-gzip", "*"):
            quality = parameters.strip().removeprefix("q=")
            try:
                return not parameters or float(quality) > 0
            except ValueError:
                return False
    return False


class StoredPage:
    """A page as the page cache keeps it, made once from the view's response: its headers, its
    HTML cut at the serve-time placeholders, and (for text worth it) the same compressed once.
    It never changes: every serve builds a response of its own from it."""

    def __init__(self, response):
        self.status = response.status_code
        patch_vary_headers(response, ["Accept-Encoding"])
        # As Django's ResponseHeaders keeps them (lower-cased name: (name, value)), checked
        # and converted once, when the view's response set them.
        self.headers = {
            lowered: header
            for lowered, header in response.headers._store.items()
            if lowered not in ("content-length", "x-page-cache", "etag")
        }
        self.headers["content-language"] = ("Content-Language", translation.get_language())
        self.etag = response.get("ETag", "").strip('"')
        content = response.content
        # Cut at each placeholder: [piece, placeholder, piece, placeholder, ..., piece].
        self.pieces, self.placeholders = [], []
        parts = content.split(_PLACEHOLDER_START)
        piece = parts[0]
        for part in parts[1:]:
            match = _PLACEHOLDER_REST.match(part)
            if match is None:
                piece += _PLACEHOLDER_START + part
                continue
            self.pieces.append(piece)
            self.placeholders.append(
                (match.group(0), match.group(1).decode(), match.group(2).decode())
            )
            piece = part[match.end() :]
        self.pieces.append(piece)
        self.gzip, self._last = None, None
        if len(content) >= MIN_COMPRESSED_LENGTH and response.get("Content-Type", "").startswith(
            _COMPRESSIBLE_TYPES
        ):
            compressed = GzipPieces(self.pieces)
            if compressed.size < len(content):
                self.gzip = compressed

    def serve(self, request, how):
        """The response for ``request``: figures filled in, gzip if the browser accepts it."""
        filled = {}
        for placeholder, name, argument in self.placeholders:
            if placeholder not in filled:
                filled[placeholder] = str(_fill_value(name, argument)).encode()
        gzipped = self.gzip is not None and accepts_gzip(
            request.META.get("HTTP_ACCEPT_ENCODING", "")
        )
        # The figures change once a second at most: the body and headers of the last serve with
        # the same figures are the ones this serve would make.
        key = (gzipped, *filled.values())
        last = self._last
        if last is None or last[0] != key:
            last = self._last = (key, *self._body_and_headers(filled, gzipped))
        response = HttpResponse(last[1], status=self.status)
        store = response.headers._store
        # Set a dozen at once: setting each again through ResponseHeaders checked and converted
        # them again on every serve, a tenth of serving the page.
        store.update(last[2])
        store["x-page-cache"] = ("X-Page-Cache", how)
        return response

    def _body_and_headers(self, filled, gzipped):
        values = [filled[placeholder] for placeholder, _name, _argument in self.placeholders]
        headers, etag = dict(self.headers), self.etag
        if filled:
            # The stored ETag and the values filled in name these exact bytes; the values are
            # short, so this costs far less than hashing the page again.
            digest = hashlib.md5(usedforsecurity=False)
            for placeholder in sorted(filled):
                digest.update(placeholder + b"\0" + filled[placeholder] + b"\0")
            etag = f"{etag}-{digest.hexdigest()}"
            # Only the ETag can tell a browser its copy's figures are still current.
            headers.pop("last-modified", None)
        if gzipped:
            body = self.gzip.stream(values)
            # Another representation of the page: another ETag (RFC 9110, 8.8.3).
            etag += "-gzip"
            headers["content-encoding"] = ("Content-Encoding", "gzip")
        else:
            page = [self.pieces[0]]
            for value, piece in zip(values, self.pieces[1:], strict=True):
                page += (value, piece)
            body = b"".join(page)
        if self.etag:
            headers["etag"] = ("ETag", quote_etag(etag))
        headers["content-length"] = ("Content-Length", str(len(body)))
        return body, headers

    def __getstate__(self):
        # The last serve is this process's own: the shared cache stores the page only.
        return {**self.__dict__, "_last": None}


def _mark_for_revalidation(response):
    # Browsers keep the page but ask again each time; the ETag makes that answer a cheap 304.
    response["ETag"] = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
    response.setdefault("Last-Modified", http_date())
    patch_cache_control(response, max_age=0, must_revalidate=True, public=True)


# Filled into pages as they are served: name -> function(argument) returning the HTML.
_serve_time_fillers = {}
logger = logging.getLogger(__name__)
# Set while reader_page renders a page that may be cached: figures go in as placeholders.
_rendering_for_cache = contextvars.ContextVar("rendering_for_cache", default=False)
_ARGUMENT = re.compile(r"^[A-Za-z0-9_.-]*$")
_PLACEHOLDER_START = b"<!--serve-time:"
# What follows the start in a placeholder: ``name:argument-->``.
_PLACEHOLDER_REST = re.compile(rb"([a-z0-9-]+):([A-Za-z0-9_.-]*)-->")


def fill_at_serve_time(name, fill):
    """Pages show ``fill(argument)`` (HTML) where a template put ``serve_time(name, argument)``,
    as current on a cached page as on a fresh one. ``fill`` runs on every serve: it must be
    cheap (read a per-process memo), and the same for every reader."""
    _serve_time_fillers[name] = fill


def serve_time(name, argument=""):
    """For templates: the figure ``name`` now, or a placeholder for it in a page rendered for
    the page cache (filled on each serve by the function registered under ``name``)."""
    argument = str(argument)
    if not _ARGUMENT.match(argument):
        raise ValueError(f"a serve-time argument is letters, digits, '_.-': {argument!r}")
    if _rendering_for_cache.get():
        return Markup(f"<!--serve-time:{name}:{argument}-->")  # noqa: S704  # nosec B704
    return _fill_value(name, argument)


def _fill_value(name, argument):
    try:
        return _serve_time_fillers[name](argument)
    except Exception:
        # A figure must never cost a reader a page the cache holds (database down, ...).
        logger.exception("Could not fill %s into a page; left out", name)
        return ""


def _filled(response):
    """The page with its serve-time placeholders filled in, and an ETag that says so."""
    if response.streaming:
        return response
    # Splitting at the placeholders' fixed start is one pass in C over the page; a regular
    # expression over it took as long as the rest of serving the page from the cache.
    pieces = response.content.split(_PLACEHOLDER_START)
    if len(pieces) == 1:
        return response
    values = {}
    filled_page = [pieces[0]]
    for piece in pieces[1:]:
        match = _PLACEHOLDER_REST.match(piece)
        if match is None:
            filled_page += [_PLACEHOLDER_START, piece]
            continue
        placeholder = match.group(0)
        if placeholder not in values:
            name, argument = match.group(1).decode(), match.group(2).decode()
            values[placeholder] = str(_fill_value(name, argument)).encode()
        filled_page += [values[placeholder], piece[match.end() :]]
    response.content = b"".join(filled_page)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    if response.has_header("ETag"):
        # The cached page's ETag and the values filled in name these exact bytes; the values
        # are short, so this costs far less than hashing the page again.
        filled = hashlib.md5(usedforsecurity=False)
        for placeholder in sorted(values):
            filled.update(placeholder + b"\0" + values[placeholder] + b"\0")
        response["ETag"] = quote_etag(f"{response['ETag'].strip(chr(34))}-{filled.hexdigest()}")
        # Only the ETag can tell a browser its copy's figures are still current.
        del response["Last-Modified"]
    return response
