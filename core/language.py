"""The language a page is served in: Vietnamese, the site's language, unless a view says otherwise.

Django's LocaleMiddleware negotiates a language from the URL, a cookie and Accept-Language on
every request, and adds ``Vary: Accept-Language``. The portal offers no negotiation (its English
pages are pages of their own, under /en/, that switch language themselves), so that work was
a tenth of a cached page's serving time for nothing.
"""

from django.conf import settings
from django.utils import translation


class SiteLanguageMiddleware:
    """Activate LANGUAGE_CODE for each request and name the page's language in Content-Language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A thread serves many requests: what one view activated must not leak into the next.
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
