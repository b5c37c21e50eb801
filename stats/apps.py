"""App configuration for the visit and online counters."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Thống kê truy cập")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from news.models import Article

        from .services import forget_article_ids

        # This process's slug -> id memo must not outlive an edit (a deleted article's slug
        # reused by a new one would count views against a row that no longer exists).
        post_save.connect(forget_article_ids, sender=Article, dispatch_uid="stats-article-ids")
        post_delete.connect(forget_article_ids, sender=Article, dispatch_uid="stats-article-ids")
