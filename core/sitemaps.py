"""sitemap.xml: the index of the sections' pages, and the base of every section; addresses from
SITE_URL, never from the request."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.template.response import TemplateResponse
from django.urls import reverse


class SiteSitemap(Sitemap):
    """A section whose addresses start with ``SITE_URL``, never with the request's Host header
    (Django's default): the sitemap is cached for every reader."""

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


def sitemap_index(request, sitemaps, section_url_name):
    """The sitemap index: every page of every section (Django's sitemap pages hold 5,000
    addresses at most per ``limit``), with addresses from ``SITE_URL`` like the sections'.

    Django's own index view writes the request's host, and this answer is cached for everyone.
    """
    entries = []
    for section, sitemap in sitemaps.items():
        sitemap = sitemap() if callable(sitemap) else sitemap
        location = settings.SITE_URL + reverse(section_url_name, kwargs={"section": section})
        for page in range(1, sitemap.paginator.num_pages + 1):
            address = location if page == 1 else f"{location}?p={page}"
            entries.append(SitemapIndexItem(address, None))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
