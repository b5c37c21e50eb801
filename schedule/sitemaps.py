"""sitemap.xml section: the work schedule's page (this week; other weeks are linked from it)."""

from django.urls import reverse

from core.sitemaps import SiteSitemap


class ScheduleSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return ["schedule:week"]

    def location(self, name):
        return reverse(name)
