"""App configuration for the town's pages, the main menu and the site's identity: what their
edits refresh, the pages' review, what waits for staff."""

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Trang và trình đơn")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.pagecache import refresh_pages_on
        from core.sections import register_section
        from core.staffhome import register_waiting_work
        from news.models import Category

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
        changelist = lambda: reverse("admin:pages_page_changelist")  # noqa: E731
        register_waiting_work(
            "pages.to_approve",
            singular=gettext_noop("%(count)d trang chờ bạn duyệt"),
            plural=gettext_noop("%(count)d trang chờ bạn duyệt"),
            count=approval.waiting_for_approval,
            url=lambda: changelist() + "?duyet=cho-toi",
            permission=approval.APPROVE,
            per_user=True,
        )
        register_waiting_work(
            "pages.returned",
            singular=gettext_noop("%(count)d trang của bạn bị trả lại"),
            plural=gettext_noop("%(count)d trang của bạn bị trả lại"),
            count=approval.returned_to,
            url=lambda: changelist() + "?duyet=tra-lai-cho-toi",
            permission="pages.change_page",
            per_user=True,
        )
        post_delete.connect(
            approval.record_deletion, sender=Page, dispatch_uid="pages_audit_delete"
        )
