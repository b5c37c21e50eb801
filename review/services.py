"""Moving an item through review, and restoring one of its revisions; every check is made here,
on the server, against the row as it is in the database when the move happens.

Two approvers acting on the same item at once: the move is a conditional UPDATE (only from the
states it may start from), so exactly one of them changes the row; the other is told in
Vietnamese what happened instead (``ReviewConflict``).
"""

from dataclasses import dataclass

import reversion
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from audit.services import Action, record

from .models import EDITABLE_STATES, ReviewState
from .workflow import workflow_for


class ReviewError(Exception):
    """A move the user may not make, or that the item's state does not allow; the message is
    for the user, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ReviewDenied(ReviewError):
    """The user may not make this move on this item."""


class ReviewConflict(ReviewError):
    """The item is no longer in a state this move starts from (someone else acted first)."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    by_approver: bool
    audit_action: str
    needs_comment: bool = False


TRANSITIONS = {
    transition.name: transition
    for transition in (
        Transition(
            "submit",
            gettext_lazy("Gửi duyệt"),
            frozenset(EDITABLE_STATES),
            ReviewState.SUBMITTED,
            by_approver=False,
            audit_action=Action.SUBMIT,
        ),
        Transition(
            "publish",
            gettext_lazy("Duyệt và xuất bản"),
            frozenset({*EDITABLE_STATES, ReviewState.SUBMITTED}),
            ReviewState.PUBLISHED,
            by_approver=True,
            audit_action=Action.PUBLISH,
        ),
        Transition(
            "return",
            gettext_lazy("Trả lại"),
            frozenset({ReviewState.SUBMITTED}),
            ReviewState.RETURNED,
            by_approver=True,
            audit_action=Action.RETURN,
            needs_comment=True,
        ),
        Transition(
            "withdraw",
            gettext_lazy("Gỡ xuống"),
            frozenset({ReviewState.PUBLISHED}),
            ReviewState.WITHDRAWN,
            by_approver=True,
            audit_action=Action.WITHDRAW,
        ),
    )
}


def available_transitions(*, user, item: Model) -> list[Transition]:
    """The moves ``user`` may make on ``item`` now (the buttons the admin shows)."""
    workflow = workflow_for(item)
    approver = workflow.may_approve(user, item)
    may_change = user.has_perm(_change_permission(item))
    return [
        transition
        for transition in TRANSITIONS.values()
        if item.review_state in transition.sources
        and may_change
        and (approver or not transition.by_approver)
    ]


def submit(*, user, item: Model) -> Model:
    """An editor sends ``item`` for approval (from a draft, a returned or a withdrawn item)."""
    return move(user=user, item=item, name="submit")


def publish(*, user, item: Model, comment: str = "") -> Model:
    """An approver of ``item`` publishes it (at its publish time if that is still to come)."""
    return move(user=user, item=item, name="publish", comment=comment)


def return_to_editor(*, user, item: Model, comment: str) -> Model:
    """An approver sends a submitted item back to its editor with ``comment`` (required)."""
    return move(user=user, item=item, name="return", comment=comment)


def withdraw(*, user, item: Model, comment: str = "") -> Model:
    """An approver takes a published item off the public site."""
    return move(user=user, item=item, name="withdraw", comment=comment)


def move(*, user, item: Model, name: str, comment: str = "") -> Model:
    """Make the move ``name`` on ``item`` for ``user``; returns the item as saved.

    ``item`` is the item as the user saw it: the move happens only if it is still in that state.

    Raises ReviewDenied (not allowed for this user on this item) or ReviewConflict (the item is
    no longer where the move starts: someone else acted first).
    """
    transition = TRANSITIONS[name]
    workflow = workflow_for(item)
    model = workflow.model
    comment = comment.strip()
    if transition.needs_comment and not comment:
        raise ReviewError(_("Hãy ghi ý kiến để người viết biết cần sửa gì."))
    if not user.has_perm(_change_permission(item)):
        raise ReviewDenied(_("Bạn không có quyền sửa %(noun)s này.") % {"noun": workflow.noun})
    state_field = model.STATE_FIELD
    with transaction.atomic():
        # The claim: only from a state this move starts from. On PostgreSQL a second approver's
        # UPDATE waits for the first to commit, then finds the state changed and matches no row.
        # And only from the state the user saw (``item`` as they loaded it): an approver who
        # pressed "publish" on a submitted article must not publish it once another approver
        # has returned it, although publishing a returned article is a move of its own.
        seen = item.review_state
        claimed = 0
        if seen in transition.sources:
            claimed = model._default_manager.filter(pk=item.pk, **{state_field: seen}).update(
                **{state_field: transition.target}
            )
        current = model._default_manager.select_for_update().filter(pk=item.pk).first()
        if current is None:
            raise ReviewConflict(
                _("%(noun)s này đã bị xoá.") % {"noun": workflow.noun.capitalize()}
            )
        if not claimed:
            raise ReviewConflict(
                _(
                    "Không thể %(action)s: %(noun)s này vừa được người khác xử lý, trạng thái "
                    "hiện tại là “%(state)s”. Vui lòng tải lại trang."
                )
                % {
                    "action": str(transition.label).lower(),
                    "noun": workflow.noun,
                    "state": current.review_state_label,
                }
            )
        if transition.by_approver and not workflow.may_approve(user, current):
            # The UPDATE above is rolled back with the transaction.
            raise ReviewDenied(
                _("Bạn không được duyệt %(noun)s thuộc phạm vi này.") % {"noun": workflow.noun}
            )
        now = timezone.now()
        if name == "submit":
            current.submitted_by = user
            current.submitted_at = now
            current.review_comment = ""
        else:
            current.reviewed_by = user
            current.reviewed_at = now
            current.review_comment = comment
        publish_at = model.PUBLISH_AT_FIELD
        # Scheduled: a publish time still to come stays; otherwise it is public from now.
        if name == "publish" and publish_at and getattr(current, publish_at) < now:
            setattr(current, publish_at, now)
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(_revision_comment(transition, comment))
            current.save()
        record(
            action=transition.audit_action,
            actor=user,
            target=current,
            detail=comment,
        )
    # The caller's copy now shows the move too (a next move starts from it).
    item.refresh_from_db()
    return current


def restore_revision(*, user, item: Model, version: Version) -> Model:
    """Give ``item`` back the text it had in ``version`` (exactly, field by field).

    The restored text goes through review like any edit: an approver of the item may restore
    it in any state and it stays as it is (a published item shows the restored text, which they
    approve by restoring); anyone else may restore only an item they may still edit (a draft,
    returned or withdrawn item), and it becomes a draft to be sent for approval. So restoring
    never changes what readers see without an approver.
    """
    workflow = workflow_for(item)
    model = workflow.model
    if version.object_id != str(item.pk) or version.content_type.model_class() != model:
        raise ReviewDenied(_("Phiên bản này không thuộc %(noun)s này.") % {"noun": workflow.noun})
    if not user.has_perm(_change_permission(item)):
        raise ReviewDenied(_("Bạn không có quyền sửa %(noun)s này.") % {"noun": workflow.noun})
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=item.pk)
        approver = workflow.may_approve(user, current)
        if not approver and current.review_state not in EDITABLE_STATES:
            raise ReviewDenied(
                _(
                    "%(noun)s này đang chờ duyệt hoặc đã xuất bản: chỉ người duyệt mới khôi "
                    "phục được phiên bản cũ."
                )
                % {"noun": workflow.noun.capitalize()}
            )
        saved = version.field_dict
        for name in workflow.restored_fields:
            # Keyed by column: a relation comes back as its id (category_id).
            attname = model._meta.get_field(name).attname
            if attname in saved:
                setattr(current, attname, saved[attname])
        if not approver:
            setattr(current, model.STATE_FIELD, ReviewState.DRAFT)
        when = timezone.localtime(version.revision.date_created).strftime("%d/%m/%Y %H:%M")
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(_("Khôi phục phiên bản lưu lúc %(when)s") % {"when": when})
            current.save()
        record(action=Action.RESTORE, actor=user, target=current, detail=when)
    item.refresh_from_db()
    return current


# Written only by the moves above, never by an edit of the text.
REVIEW_COLUMNS = {"review_comment", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at"}
REVIEW_ATTNAMES = [
    "review_comment", "submitted_by_id", "submitted_at", "reviewed_by_id", "reviewed_at",
]  # fmt: skip


def save_with_revision(*, user, item: Model, comment: str = "") -> None:
    """Save ``item`` keeping a revision (the admin's saves go through here).

    An existing item's state and review fields are not written: an edit saved while an approver
    publishes or returns the item must not put back the state the editor's page was loaded with.
    """
    update_fields = None
    if item.pk is not None and not item._state.adding:
        skipped = {item.STATE_FIELD, *REVIEW_COLUMNS}
        update_fields = [
            field.name
            for field in item._meta.concrete_fields
            if not field.primary_key and field.name not in skipped
        ]
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        item.save(update_fields=update_fields)


def _revision_comment(transition, comment):
    label = str(transition.label)
    return f"{label}: {comment}" if comment else label


def _change_permission(item) -> str:
    meta = item._meta
    return f"{meta.app_label}.change_{meta.model_name}"
