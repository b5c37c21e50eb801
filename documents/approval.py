"""Documents under review: who approves them.

Approval is one permission (``documents.approve_document``) over every document, not a scope per
type or issuing body: a town's documents are few, entered by the clerks (Văn thư) from texts
already signed, and checked by the office that keeps the register; a per-type split would leave
most types with a single approver anyway. A superuser grants the permission to a user or group.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from review.workflow import register

from .models import Document

APPROVE = "documents.approve_document"


def approves(user, document: Document) -> bool:
    return user.has_perm(APPROVE)


def approvable(user) -> Q:
    return Q() if user.has_perm(APPROVE) else Q(pk__in=[])


def register_workflow():
    register(
        Document,
        approves=approves,
        approvable=approvable,
        text_fields=("number", "summary", "full_text"),
        restored_fields=(
            "number",
            "summary",
            "full_text",
            "signer_name",
            "signer_position",
            "issued_on",
            "effective_on",
            "expires_on",
            "doc_type",
            "issuing_body",
            "sector",
        ),  # fmt: skip
        noun=_("văn bản"),
    )
