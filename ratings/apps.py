"""App configuration for readers' feedback, and what a vote or comment refreshes."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "ratings"
    verbose_name = _("Phản hồi của bạn đọc")

    def ready(self):
        from core.pagecache import refresh_on_signal

        from .signals import feedback_changed, forget_article_page

        refresh_on_signal(
            feedback_changed,
            forget_article_page,
            "a vote, or a comment published, withdrawn, deleted or replied to",
        )
