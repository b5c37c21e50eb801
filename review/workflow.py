"""Which models go through review, who approves each item, and which of its fields are its text.

Each adopting app registers its model in its own ``apps.py`` ``ready()``; this module knows no app.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet


@dataclass(frozen=True)
class Workflow:
    """How one model is reviewed.

    ``approves(user, item)`` says whether ``user`` may publish, return or withdraw ``item`` as it
    stands (its category, type, ...); ``approvable(user)`` is the same rule as a ``Q`` on the
    model, for lists and counts; ``text_fields`` are diffed in revisions and restored from them.
    """

    model: type[Model]
    approves: Callable[[object, Model], bool]
    approvable: Callable[[object], Q]
    text_fields: tuple[str, ...]
    restored_fields: tuple[str, ...]
    noun: str

    def approvable_items(self, user, queryset: QuerySet | None = None) -> QuerySet:
        queryset = self.model._default_manager.all() if queryset is None else queryset
        if not (user.is_active and user.is_staff):
            return queryset.none()
        if user.is_superuser:
            return queryset
        return queryset.filter(self.approvable(user))

    def may_approve(self, user, item: Model) -> bool:
        if not (user.is_active and user.is_staff):
            return False
        return user.is_superuser or bool(self.approves(user, item))

    def may_edit(self, user, item: Model) -> bool:
        """Whether ``user`` may write ``item`` (its change permission is checked by the caller)."""
        from .models import EDITABLE_STATES

        return item.review_state in EDITABLE_STATES or self.may_approve(user, item)


_workflows: dict[type[Model], Workflow] = {}


def register(
    model: type[Model],
    *,
    approves: Callable[[object, Model], bool],
    approvable: Callable[[object], Q],
    text_fields: tuple[str, ...],
    restored_fields: tuple[str, ...] | None = None,
    noun: str,
) -> Workflow:
    """Put ``model`` under review (see ``Workflow``); also keeps its revisions (django-reversion).

    ``restored_fields`` (the text fields by default) are what a restore gives back; the state
    and the review fields never come back from a revision.
    """
    import reversion

    workflow = Workflow(
        model=model,
        approves=approves,
        approvable=approvable,
        text_fields=tuple(text_fields),
        restored_fields=tuple(restored_fields or text_fields),
        noun=noun,
    )
    _workflows[model] = workflow
    if not reversion.is_registered(model):
        reversion.register(model, fields=list(dict.fromkeys([*workflow.restored_fields])))
    return workflow


def workflow_for(model_or_item) -> Workflow:
    model = model_or_item if isinstance(model_or_item, type) else type(model_or_item)
    return _workflows[model._meta.concrete_model]


def registered() -> list[Workflow]:
    return list(_workflows.values())
