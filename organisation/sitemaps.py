"""sitemap.xml sections: the organisation's pages (directory, each unit) in Vietnamese and in
English, and the English home and contact pages."""

from django.urls import reverse

from core.sitemaps import SiteSitemap

from .models import Unit


class OrganisationSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        pages = ["organisation:directory", "organisation:home_en", "organisation:directory_en"]
        pages.append("organisation:contact_en")
        units = Unit.objects.only("slug").order_by("order", "name")
        return [
            *((name, None) for name in pages),
            *(("organisation:unit", unit.slug) for unit in units),
            *(("organisation:unit_en", unit.slug) for unit in units),
        ]

    def location(self, item):
        name, slug = item
        return reverse(name, kwargs={"slug": slug}) if slug else reverse(name)
