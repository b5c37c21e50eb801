"""sitemap.xml section: every document's page."""

from django.contrib.sitemaps import Sitemap

from .models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Document.objects.only("slug", "updated_at").order_by("-issued_on", "-pk")

    def lastmod(self, document):
        return document.updated_at
