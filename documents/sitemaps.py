"""sitemap.xml section: every document's page."""

from core.sitemaps import SiteSitemap

from .models import Document


class DocumentSitemap(SiteSitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Document.objects.published().only("slug", "updated_at").order_by("-issued_on", "-pk")

    def lastmod(self, document):
        return document.updated_at
