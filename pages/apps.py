"""App configuration for the town's pages, the main menu and the site's identity: what their
edits refresh, the pages' review, what waits for staff."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Trang và trình đơn")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.pagecache import refresh_pages_on
        from core.sections import register_section
        from news.models import Category
        from review.staffwork import offer_review_work

        from . import approval
        from .blocks import forget_shell
        from .models import MenuEntry, Page, PageRedirect, SiteIdentity

        register_section("site-map", _("Sơ đồ cổng"), "pages:site_map")
        # A page shows on its own page, its parent's and children's, the site map, the sitemap
        # and (by title) in the menu; the menu and the identity are in every page's header and
        # footer. The menu and identity are kept rendered: an edit forgets them and refreshes
        # every cached page, so it shows on all of them at once.
        refresh_pages_on(Page, PageRedirect, MenuEntry, SiteIdentity, also=[forget_shell])
        # Category names show in the menu; news/apps.py already refreshes every page for them.
        for signal in (post_save, post_delete):
            signal.connect(forget_shell, sender=Category, dispatch_uid="pages-menu-category")
        # A move through review is a save: the signals above refresh the menu and the pages.
        approval.register_workflow()
        offer_review_work(
            Page,
            waiting=gettext_noop("%(count)d trang chờ bạn duyệt"),
            returned=gettext_noop("%(count)d trang của bạn bị trả lại"),
            approve_permission=approval.APPROVE,
            change_permission="pages.change_page",
        )
