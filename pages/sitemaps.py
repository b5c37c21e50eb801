"""The sitemap.xml section of the town's pages."""

from core.sitemaps import SiteSitemap

from .selectors import public_pages


class PageSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return [page for page, _depth in public_pages()]

    def lastmod(self, page):
        return page.updated_at
