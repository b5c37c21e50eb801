"""Which requests are page views of a reader, and which reader made them."""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.urls import Resolver404, resolve

from core.clientip import client_ip
from core.memo import remembered

COOKIE_ID = re.compile(r"^[A-Za-z0-9_-]{22}$")
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


def page_view(request, response):
    """The page view this request/response pair is, or None when it does not count."""
    if not is_page_view(request, response):
        return None
    address = _address(request)
    cookie_id = request.COOKIES.get(settings.STATS_COOKIE_NAME, "")
    if COOKIE_ID.match(cookie_id):
        return PageView("c:" + cookie_id, article_slug(request), None, address)
    # No cookie (a first page, or a reader who refuses cookies): counted under IP + user agent,
    # and offered a cookie that takes the visit over from the next page on.
    return PageView(
        _hashed_address(address), article_slug(request), secrets.token_urlsafe(16), address
    )


def set_reader_cookie(response, cookie_id):
    response.set_cookie(
        settings.STATS_COOKIE_NAME,
        cookie_id,
        max_age=settings.STATS_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
