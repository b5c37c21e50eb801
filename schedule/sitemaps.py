"""sitemap.xml section: the work schedule's page (this week; other weeks are linked from it)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ScheduleSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["schedule:week"]

    def location(self, name):
        return reverse(name)
