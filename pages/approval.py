"""Pages under review: who approves them.

Approval is one permission (``pages.approve_page``) over every page, as for documents, not a
scope per branch of the tree: a town has a few dozen pages (its introduction, history,
statements), written by the web officer or the office, and the person who signs off what the
portal says in the town's name signs off all of them. A superuser grants the permission to a user
or group (the approvers' group has it: ``portal/staff.py``).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from review.workflow import register

from .models import Page

APPROVE = "pages.approve_page"


def approves(user, page: Page) -> bool:
    return user.has_perm(APPROVE)


def approvable(user) -> Q:
    return Q() if user.has_perm(APPROVE) else Q(pk__in=[])


def register_workflow():
    register(
        Page,
        approves=approves,
        approvable=approvable,
        text_fields=("title", "lead", "body"),
        # The text and its caption come back; the page's place (slug, parent, order) does not:
        # restoring it would move the page and its subtree, which staff do on the page itself.
        restored_fields=("title", "lead", "body", "cover_caption"),
        noun=_("trang"),
    )
