"""sitemap.xml section: every published question's page."""

from core.sitemaps import SiteSitemap

from .models import Question


class QuestionSitemap(SiteSitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            Question.objects.published().only("pk", "updated_at").order_by("-published_at", "-pk")
        )

    def lastmod(self, question):
        return question.updated_at
