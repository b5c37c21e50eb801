"""The base of every sitemap.xml section: addresses from SITE_URL, never from the request."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class SiteSitemap(Sitemap):
    """A section whose addresses start with ``SITE_URL``, never with the request's Host header
    (Django's default): the sitemap is cached for every reader."""

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc
