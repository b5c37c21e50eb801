"""App configuration for the news app: what its edits refresh, its review, what waits for staff."""

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Tin tức")

    def ready(self):
        from django.db.models.signals import post_delete

        from core.pagecache import refresh_pages_at, refresh_pages_on
        from core.sections import register_section
        from core.staffhome import register_waiting_work

        from . import approval
        from .models import Article, Category
        from .shell import forget_menu

        # Articles show on the home, category, feed and sitemap pages, and in other articles'
        # "related" lists; categories are also in the menu on every page.
        register_section("home", _("Trang chủ"), "news:home")
        refresh_pages_on(Article)
        refresh_pages_on(Category, also=[forget_menu])
        refresh_pages_at(
            Article.objects.next_publication_time, "a scheduled article's publish time comes"
        )
        approval.register_workflow()
        changelist = lambda: reverse("admin:news_article_changelist")  # noqa: E731
        register_waiting_work(
            "news.articles_to_approve",
            singular=gettext_noop("%(count)d bài viết chờ bạn duyệt"),
            plural=gettext_noop("%(count)d bài viết chờ bạn duyệt"),
            count=approval.waiting_for_approval,
            url=lambda: changelist() + "?duyet=cho-toi",
            permission="news.change_article",
            per_user=True,
        )
        register_waiting_work(
            "news.articles_returned",
            singular=gettext_noop("%(count)d bài viết của bạn bị trả lại"),
            plural=gettext_noop("%(count)d bài viết của bạn bị trả lại"),
            count=approval.returned_to,
            url=lambda: changelist() + "?duyet=tra-lai-cho-toi",
            permission="news.change_article",
            per_user=True,
        )
        post_delete.connect(
            approval.record_deletion, sender=Article, dispatch_uid="news_audit_delete"
        )
