"""App configuration for the visit and online counters, and what their edits refresh."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Thống kê truy cập")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.pagecache import fill_at_serve_time, refresh_pages_on
        from news.models import Article

        from . import blocks
        from .models import SiteCounter
        from .services import forget_article_ids, forget_shown_figures

        # This process's slug -> id memo must not outlive an edit (a deleted article's slug
        # reused by a new one would count views against a row that no longer exists).
        post_save.connect(forget_article_ids, sender=Article, dispatch_uid="stats-article-ids")
        post_delete.connect(forget_article_ids, sender=Article, dispatch_uid="stats-article-ids")
        # Figures filled into every page as it is served, cached or not.
        fill_at_serve_time(blocks.SITE_COUNTERS, blocks.render_site_counters)
        fill_at_serve_time(blocks.ARTICLE_VIEWS, blocks.render_article_views)
        # A new starting total is in every page's footer: read again at once.
        refresh_pages_on(SiteCounter, also=[forget_shown_figures])
