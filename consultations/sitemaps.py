"""sitemap.xml section: every consultation's page."""

from core.sitemaps import SiteSitemap

from .models import Consultation


class ConsultationSitemap(SiteSitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Consultation.objects.only("slug", "updated_at").order_by("-opens_at", "-pk")

    def lastmod(self, consultation):
        return consultation.updated_at
