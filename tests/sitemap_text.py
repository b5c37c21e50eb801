"""What a search engine reads by following sitemap.xml: the index, then every page it lists."""

import re
from urllib.parse import urlsplit


def sitemap_locations(client, url="/sitemap.xml"):
    return re.findall(r"<loc>(.*?)</loc>", client.get(url).content.decode())


def whole_sitemap(client):
    """Every section page the index lists, joined: the addresses a search engine is given."""
    pages = []
    for location in sitemap_locations(client):
        parts = urlsplit(location.replace("&amp;", "&"))
        pages.append(client.get(parts.path + (f"?{parts.query}" if parts.query else "")))
    return "".join(page.content.decode() for page in pages)
