"""App configuration for the news app: what its edits refresh, its review, what waits for staff."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Tin tức")

    def ready(self):

        from core.pagecache import refresh_pages_at, refresh_pages_on
        from core.sections import register_section
        from review.staffwork import offer_review_work

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
        offer_review_work(
            Article,
            waiting=gettext_noop("%(count)d bài viết chờ bạn duyệt"),
            returned=gettext_noop("%(count)d bài viết của bạn bị trả lại"),
            approve_permission="news.change_article",
            change_permission="news.change_article",
        )
