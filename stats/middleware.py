"""Counts every reader's page view, including pages served from the page cache."""

import logging

from django.conf import settings

from . import services
from .tracking import page_view, set_reader_cookie

logger = logging.getLogger(__name__)


class VisitCounterMiddleware:
    """Counts after the response is made, so it sees cached pages the view never rendered.

    It sits below ConditionalGetMiddleware (it must see the 200 page before that becomes a 304)
    and outside every view, so the reader cookie it sets never ends up in a cached page. It never
    reads ``request.session`` or ``request.user``: no ``Vary: Cookie``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not settings.STATS_ENABLED:
            return response
        view = page_view(request, response)
        if view is None:
            return response
        try:
            services.count_page_view(view)
        except Exception:
            # A counter must never cost a reader their page (database locked, Redis down, ...).
            logger.exception("Could not count a page view")
        if view.new_cookie:
            set_reader_cookie(response, view.new_cookie)
        return response
