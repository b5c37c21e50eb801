"""App configuration for the portal shell: staff groups after migrate, shell cache invalidation."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Giao diện cổng thông tin")

    def ready(self):
        from news.models import Article, Category
        from ratings.signals import feedback_changed

        from .checks import refuse_to_start_with_captcha_test_mode
        from .models import Song, TownMap, WebsiteLink
        from .pagecache import forget_article_page, forget_site_pages
        from .shell import forget_site_shell
        from .staff import ensure_staff_groups

        # Before anything else: a production site must never start with captcha test mode on.
        refuse_to_start_with_captcha_test_mode()
        post_migrate.connect(ensure_staff_groups, dispatch_uid="portal-staff-groups")
        # The menu and sidebar are on every page: their edits refresh the shell and every page.
        for model in (Category, TownMap, Song, WebsiteLink):
            post_save.connect(forget_site_shell, sender=model, dispatch_uid=f"shell-save-{model}")
            post_delete.connect(forget_site_shell, sender=model, dispatch_uid=f"shell-del-{model}")
        for model in (Article, Category, TownMap, Song, WebsiteLink):
            post_save.connect(forget_site_pages, sender=model, dispatch_uid=f"pages-save-{model}")
            post_delete.connect(forget_site_pages, sender=model, dispatch_uid=f"pages-del-{model}")
        # A vote or a published comment changes only its article's page.
        feedback_changed.connect(forget_article_page, dispatch_uid="pages-feedback")
