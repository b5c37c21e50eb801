"""Site-wide security pieces: the CSP, method refusal, log context and the admin lockout page."""

import logging

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern
from django.utils.functional import empty
from django.utils.log import log_response
from django.views.decorators.http import require_safe

from .clientip import client_ip
from .links import cached_reverse
from .memo import remembered

# No view of the portal serves anything else: feeds, captcha images and the ratings endpoints
# are GET or POST. Refusing the rest before routing also covers views of third-party apps that
# answer every method (Django's Feed and sitemap views answer TRACE with 200).
SERVED_METHODS = ("GET", "HEAD", "POST")

# What reading a POST body can raise when the client declared a charset it did not use or one
# Python does not know (``Content-Type: ...; charset=latin-1`` on a form: Django refuses any
# charset but UTF-8 there), or sent bytes that charset cannot decode.
UNDECODABLE_BODY_ERRORS = (BadRequest, MultiPartParserError, UnicodeDecodeError, LookupError)


class RefuseMalformedRequestsMiddleware:
    """Refuse, before any view runs, requests that no page of the portal can serve.

    PUT, PATCH, DELETE, TRACE, OPTIONS and CONNECT get 405. A NUL character in the query string
    gets 400: no reader types one, Django's form fields already refuse it, and PostgreSQL cannot
    hold it in a text value, so a view that searched with it would fail with a 500.

    A POST whose form data cannot be decoded gets the 400 page here, for every URL. Left to the
    CSRF middleware, the error would reach Django's error views, which check the CSRF token
    too (``requires_csrf_token``), read the body again, fail again, and leave the web server to
    answer with its own bare English 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SERVED_METHODS:
            return not_allowed_page(SERVED_METHODS)
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            raise BadRequest("NUL character in the query string")
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 -- parsed now, where a failure is still a 400
            except UNDECODABLE_BODY_ERRORS as error:
                response = bad_request_page()
                log_response(
                    "Bad Request (%s): %s", error, request.path, response=response, request=request
                )
                return response
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            # A view's require_POST/require_safe answers with an empty body: the site's page.
            response = not_allowed_page(response.get("Allow", "").split(", "))
        return response


def bad_request_page():
    """The site's static Vietnamese 400 page (templates/400.html), as Django's handler shows it."""
    return HttpResponseBadRequest(render_to_string("400.html"))


def not_allowed_page(permitted_methods):
    """The site's static Vietnamese 405 page (templates/405.html), with the Allow header."""
    return HttpResponseNotAllowed(permitted_methods, render_to_string("405.html"))


def safe_methods_only(urlpatterns):
    """The same URL patterns with every view limited to GET and HEAD (for third-party apps)."""
    return [
        URLPattern(
            pattern.pattern, require_safe(pattern.callback), pattern.default_args, pattern.name
        )
        for pattern in urlpatterns
    ]


# The textarea django-ckeditor's widget renders (ckeditor/widget.html).
CKEDITOR_WIDGET_MARKER = b'data-type="ckeditortype"'


def needs_editor_policy(request, response):
    """Whether ``response`` is a staff page that runs CKEditor 4: a form with its widget, or its
    image browser (a page of inline scripts)."""
    path = request.path_info
    if path.startswith(cached_reverse("ckeditor_browse")):
        return True
    return (
        path.startswith(f"/{settings.ADMIN_URL}")
        and response.get("Content-Type", "").startswith("text/html")
        and not response.streaming
        and CKEDITOR_WIDGET_MARKER in response.content
    )


# What django-csp's decorators (csp_update, csp_exempt, ...) set on a response.
PER_RESPONSE_POLICY_ATTRIBUTES = [
    f"_csp_{name}{suffix}"
    for name in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
]
SITE_POLICY_HEADERS = [
    (HEADER, False, "CONTENT_SECURITY_POLICY"),
    (HEADER_REPORT_ONLY, True, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
]


@remembered(maxsize=2)
def site_policy(report_only: bool) -> str:
    """The CSP header (or report-only header) the settings give, without a nonce."""
    return build_policy(report_only=report_only)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with CONTENT_SECURITY_POLICY_EDITOR added where CKEditor runs.

    CKEditor 4 draws its toolbar with ``onclick="CKEDITOR.tools.callFunction(n)"`` attributes and
    starts its editing frame with an inline script; no nonce or hash covers handlers whose text
    changes on every page. So only the admin pages that carry the editor (behind a staff login and
    django-axes) get 'unsafe-inline'; the rest of the admin and every public page keep the strict
    policy.
    """

    def process_response(self, request, response):
        if not self._takes_the_site_policy(request, response):
            return super().process_response(request, response)
        # The same headers django-csp would build, built once per process: building them was
        # a fifth of the time a cached page took to serve.
        for header, report_only, setting in SITE_POLICY_HEADERS:
            policy = site_policy(report_only)
            policy_setting = getattr(settings, setting, None) or {}
            excluded = tuple(policy_setting.get("EXCLUDE_URL_PREFIXES") or ())
            if policy and header not in response and not request.path_info.startswith(excluded):
                response[header] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _takes_the_site_policy(request, response):
        """Whether the response gets the settings' policies as they are: no nonce was used, no
        view decorator changed or exempted them, it is no debug page and no editor page."""
        return (
            not settings.DEBUG
            and getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in PER_RESPONSE_POLICY_ATTRIBUTES)
            and not needs_editor_policy(request, response)
        )

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and needs_editor_policy(request, response):
            parts.update = {**settings.CONTENT_SECURITY_POLICY_EDITOR, **(parts.update or {})}
        return parts


class RequestContextFilter(logging.Filter):
    """Add the request's method, path, user id and client IP to every log record.

    Django attaches the request to the records of ``django.request`` and ``django.security``;
    other records get dashes, so one format string serves every logger.
    """

    def filter(self, record):
        request = getattr(record, "request", None)
        # Escaped as Django escapes them in its own messages: a %0A in a URL forges no log line.
        record.method = _escaped(getattr(request, "method", None)) or "-"
        record.path = _escaped(getattr(request, "path", None)) or "-"
        record.user_id = _user_id(request) or "-"
        record.client_ip = client_ip(request) if request is not None else "-"
        return True


def _escaped(text):
    return text and text.encode("unicode_escape").decode("ascii")


def _user_id(request):
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "_wrapped", None) is not empty:
        return user.pk
    # Not loaded by the view: read the id from the session, without loading the user.
    session = getattr(request, "session", None)
    if session is None or not session.session_key:
        return None
    try:
        return session.get(SESSION_KEY)
    except Exception:  # the error being logged may be the session store's own
        return None


def admin_locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Vietnamese page shown after too many failed admin logins."""
    return render(
        request,
        "security/admin_locked_out.html",
        {"cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
