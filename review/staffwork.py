"""What an adopting app's reviewed model shows staff, registered in one call from its apps.py:
on the admin home, the items waiting for each approver and each editor's returned items; and
every deletion of one in the audit log."""

from django.db.models.signals import post_delete
from django.urls import reverse

from audit.services import Action, record
from core.staffhome import register_waiting_work

from .models import ReviewState
from .workflow import workflow_for


def waiting_for_approval(model, user) -> int:
    """Submitted items ``user`` may approve (per the model's registered workflow)."""
    submitted = model.objects.filter(**{model.STATE_FIELD: ReviewState.SUBMITTED})
    return workflow_for(model).approvable_items(user, submitted).count()


def returned_to(model, user) -> int:
    """Items ``user`` sent for approval that came back with a comment."""
    return model.objects.filter(
        **{model.STATE_FIELD: ReviewState.RETURNED}, submitted_by=user
    ).count()


def _record_deletion(sender, instance, **kwargs):
    record(action=Action.DELETE, target=instance)


def offer_review_work(
    model, *, waiting: str, returned: str, approve_permission: str, change_permission: str
) -> None:
    """Register ``model``'s waiting and returned counts (``waiting``/``returned``: gettext_noop
    messages with ``%(count)d``) and record its deletions. Call after ``workflow.register``."""
    label = f"{model._meta.app_label}.{model._meta.model_name}"
    changelist = f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
    register_waiting_work(
        f"{label}.to_approve",
        singular=waiting,
        plural=waiting,
        count=lambda user: waiting_for_approval(model, user),
        url=lambda: reverse(changelist) + "?duyet=cho-toi",
        permission=approve_permission,
        per_user=True,
    )
    register_waiting_work(
        f"{label}.returned",
        singular=returned,
        plural=returned,
        count=lambda user: returned_to(model, user),
        url=lambda: reverse(changelist) + "?duyet=tra-lai-cho-toi",
        permission=change_permission,
        per_user=True,
    )
    post_delete.connect(_record_deletion, sender=model, dispatch_uid=f"{label}.audit_delete")
