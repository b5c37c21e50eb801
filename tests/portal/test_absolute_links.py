"""Every feed and sitemap section of every app builds its links from SITE_URL (core.feeds,
core.sitemaps): what is cached for everyone never carries one reader's Host header."""

from django.contrib.syndication.views import Feed
from django.urls import URLPattern, URLResolver, get_resolver

from core.feeds import SiteFeed
from core.sitemaps import SiteSitemap
from portal.urls import sitemaps


def _views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            view = pattern.callback
            while hasattr(view, "__wrapped__"):
                view = view.__wrapped__
            yield pattern, view


def test_every_sitemap_section_takes_its_addresses_from_site_url():
    assert sitemaps
    for name, section in sitemaps.items():
        assert issubclass(section, SiteSitemap), name


def test_every_feed_takes_its_links_from_site_url():
    feeds = [(pattern, view) for pattern, view in _views(get_resolver().url_patterns)
             if isinstance(view, Feed)]  # fmt: skip
    assert len(feeds) >= 4
    for pattern, view in feeds:
        assert isinstance(view, SiteFeed), pattern
