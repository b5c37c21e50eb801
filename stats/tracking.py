"""Which requests are page views of a reader, and which reader made them.

A reader is known by the cookie id the site gave them, signed so that a made-up id is no id; a
reader without a valid cookie by a keyed hash of IP and user agent. What that leaves open:
a client that drops cookies and changes its user agent on every page is a new reader each time.
So readers without our cookie are also counted per address block (an IPv4 address, an IPv6
/64): beyond ``STATS_NEW_READERS_PER_IP_BLOCK_PER_MINUTE`` of their pages in one minute, the
block's further cookie-less pages that minute are all one reader.
"""

import base64
import hashlib
import hmac
import logging
import re
import secrets
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils import timezone

from core.clientip import address_block, client_ip
from core.memo import remembered

# A cookie value is a random id and a tag of it keyed by SECRET_KEY: "<22 chars>.<16 chars>".
COOKIE_VALUE = re.compile(r"^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{16})$")
_TAG_SALT = "stats.tracking.reader-cookie"

logger = logging.getLogger(__name__)
ARTICLE_VIEW_NAME = "news:article"


@dataclass(frozen=True)
class PageView:
    reader_key: str
    article_slug: str | None
    new_cookie: str | None
    # "IP|user agent" of the request; hashed only when a store needs the fallback key.
    address: str

    @cached_property
    def fallback_key(self):
        """For a reader whose cookie is brand new: the IP + user agent key their first page was
        counted under, so that the visit carries on instead of starting again."""
        return _hashed_address(self.address)


@remembered(maxsize=8)
def _bot_pattern(pattern):
    return re.compile(pattern, re.IGNORECASE)


# Readers send a handful of distinct user agents; matching each once per process is enough.
@remembered(maxsize=4096)
def _is_bot_user_agent(user_agent, pattern):
    return not user_agent or bool(_bot_pattern(pattern).search(user_agent))


def is_bot(request):
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    return _is_bot_user_agent(user_agent, settings.STATS_BOT_USER_AGENTS)


def _is_ignored_path(path):
    prefixes = [settings.STATIC_URL, settings.MEDIA_URL, "/" + settings.ADMIN_URL]
    prefixes += settings.STATS_IGNORED_PATHS
    return any(path.startswith(prefix) for prefix in prefixes if prefix)


def is_page_view(request, response):
    """A reader's GET of an HTML page answered 200; not a prefetch, a file, the admin or a probe."""
    return (
        request.method == "GET"
        and response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and "prefetch" not in request.META.get("HTTP_SEC_PURPOSE", "")
        and "prefetch" not in request.META.get("HTTP_PURPOSE", "")
        and not _is_ignored_path(request.path_info)
        and not is_bot(request)
    )


def _address(request):
    return f"{client_ip(request)}|{request.META.get('HTTP_USER_AGENT', '')}"


def _hashed_address(address):
    """A key for a reader without our cookie: a keyed hash of IP and user agent, never the IP."""
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return "h:" + digest.hexdigest()[:32]


def article_slug(request):
    """The article slug when the request is an article page, resolved even for cached pages."""
    match = request.resolver_match
    if match is None:
        # A page served from the page cache never reached URL resolution.
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
    if match.view_name != ARTICLE_VIEW_NAME:
        return None
    return match.kwargs.get("slug")


def _tag(reader_id, secret):
    # Django's salted_hmac(_TAG_SALT, reader_id, secret=secret, algorithm="sha256"), with its
    # key derived once per secret rather than on every page.
    digest = hmac.new(_tag_key(secret), reader_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()


@remembered(maxsize=8)
def _tag_key(secret):
    return hashlib.sha256((_TAG_SALT + secret).encode()).digest()


def new_cookie_value(secret=None):
    """A new reader's cookie: a random id and its tag (``secret``: SECRET_KEY unless given)."""
    reader_id = secrets.token_urlsafe(16)
    return f"{reader_id}.{_tag(reader_id, secret or settings.SECRET_KEY)}"


def issued_reader_id(cookie_value):
    """The reader id of a cookie this site issued (under its current or a previous secret key),
    or None for a missing, malformed or made-up one."""
    match = COOKIE_VALUE.match(cookie_value)
    if match is None:
        return None
    reader_id, tag = match.groups()
    for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS):
        if hmac.compare_digest(tag, _tag(reader_id, secret)):
            return reader_id
    return None


def _within_new_readers_cap(ip):
    """Count a page without our cookie against its address block's minute; False beyond the cap.

    Kept in the shared cache (Redis, or files every worker of a server sees); a minute's count
    that misses by a few under concurrent use only moves the cap by as many.
    """
    limit = settings.STATS_NEW_READERS_PER_IP_BLOCK_PER_MINUTE
    if not limit:
        return True
    minute = int(timezone.now().timestamp() // 60)
    key = f"stats:new-readers:{_hashed_address(address_block(ip))}:{minute}"
    try:
        cache.add(key, 0, 120)
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr: a new minute's first page
        return True
    except Exception:
        # The cap must never cost a reader their page (Redis down, a full disk, ...).
        logger.warning("Could not count new readers of an address block", exc_info=True)
        return True


def page_view(request, response):
    """The page view this request/response pair is, or None when it does not count."""
    if not is_page_view(request, response):
        return None
    address = _address(request)
    reader_id = issued_reader_id(request.COOKIES.get(settings.STATS_COOKIE_NAME, ""))
    if reader_id is not None:
        return PageView("c:" + reader_id, article_slug(request), None, address)
    ip = client_ip(request)
    if not _within_new_readers_cap(ip):
        # One reader for the rest of the minute, and no cookie that could start another visit.
        block = f"block|{address_block(ip)}"
        return PageView(_hashed_address(block), article_slug(request), None, block)
    # No valid cookie (a first page, a reader who refuses cookies, a made-up id): counted under
    # IP + user agent, and offered a cookie that takes the visit over from the next page on.
    return PageView(_hashed_address(address), article_slug(request), new_cookie_value(), address)


def set_reader_cookie(response, cookie_id):
    response.set_cookie(
        settings.STATS_COOKIE_NAME,
        cookie_id,
        max_age=settings.STATS_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
