"""The base of every RSS feed: each link absolute from SITE_URL, never from the request.

Django's Feed prefixes a relative link with the request's Host header, and a feed is cached for
every reader: one forged Host would reach them all.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed


def absolute(path: str) -> str:
    """``path`` on the site's public address."""
    return settings.SITE_URL + path


class SiteFeed(Feed):
    """A feed whose subclasses give ``link`` and ``feed_url`` through ``absolute()``; an item's
    link is its page on the site's public address."""

    def item_link(self, item):
        return absolute(item.get_absolute_url())
