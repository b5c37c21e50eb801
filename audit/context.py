"""The request being served, so that entries recorded from signals know who and from where."""

from contextvars import ContextVar

_current_request: ContextVar = ContextVar("audit_current_request", default=None)


class RequestContextMiddleware:
    """Remembers the request while it is served (after authentication, so its user is known)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_request():
    return _current_request.get()
