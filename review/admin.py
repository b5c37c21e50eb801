"""The review workflow in the admin, mixed into an adopting model's admin by the project
(portal/admin.py): the state read only, the moves as buttons, the revisions and their restore.

Every move goes through review.services, which checks the user and the item again: a state typed
into a forged POST is never read (the state is not a form field).
"""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from . import revisions, services
from .models import EDITABLE_STATES, ReviewState
from .workflow import workflow_for

REVIEW_FIELDS = [
    "review_state_shown",
    "review_comment",
    "submitted_by",
    "submitted_at",
    "reviewed_by",
    "reviewed_at",
]


class ReviewStateFilter(admin.SimpleListFilter):
    title = gettext_lazy("trạng thái duyệt")
    parameter_name = "duyet"

    def lookups(self, request, model_admin):
        return [
            *ReviewState.choices,
            ("cho-toi", _("Chờ tôi duyệt")),
            ("tra-lai-cho-toi", _("Bài của tôi bị trả lại")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        state_field = queryset.model.STATE_FIELD
        if value == "cho-toi":
            workflow = workflow_for(queryset.model)
            waiting = queryset.filter(**{state_field: ReviewState.SUBMITTED})
            return workflow.approvable_items(request.user, waiting)
        if value == "tra-lai-cho-toi":
            return queryset.filter(**{state_field: ReviewState.RETURNED}, submitted_by=request.user)
        if value in ReviewState.values:
            return queryset.filter(**{state_field: value})
        return queryset


class ReviewAdmin:
    """Mixed in before the model's own admin class."""

    change_form_template = "review/change_form.html"
    actions = ["submit_selected"]

    # -- what the form shows -------------------------------------------------------------
    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *REVIEW_FIELDS]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Duyệt"), {"fields": REVIEW_FIELDS})]

    def get_list_display(self, request):
        shown = [name for name in super().get_list_display(request) if name != self._state()]
        return [*shown, "review_state_shown"]

    def get_list_filter(self, request):
        shown = [name for name in super().get_list_filter(request) if name != self._state()]
        return [ReviewStateFilter, *shown]

    @admin.display(description=gettext_lazy("trạng thái"))
    def review_state_shown(self, item):
        return item.review_state_label

    def _state(self):
        return self.model.STATE_FIELD

    # -- who may change what -------------------------------------------------------------
    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        # A submitted or published item is changed only by one of its approvers; editors see it.
        return workflow_for(self.model).may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return obj.review_state in EDITABLE_STATES or workflow_for(self.model).may_approve(
            request.user, obj
        )

    def save_model(self, request, obj, form, change):
        workflow = workflow_for(self.model)
        if obj.pk is None:
            # New items start as drafts whoever writes them; publishing is a move of its own.
            setattr(obj, self._state(), ReviewState.DRAFT)
        else:
            # The state and review fields as they are now, the row locked until the save
            # commits: an edit saved while an approver acts never puts back an older state.
            columns = [self._state(), *services.REVIEW_ATTNAMES]
            fresh = self.model._default_manager.select_for_update().filter(pk=obj.pk)
            for name, value in fresh.values(*columns).get().items():
                setattr(obj, name, value)
            if obj.review_state not in EDITABLE_STATES and not workflow.may_approve(
                request.user, obj
            ):
                # Published or sent meanwhile, or moved out of this approver's scope.
                raise PermissionDenied
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Sửa") if change else _("Tạo mới"))
            super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        self._submit_if_asked(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._submit_if_asked(request, obj)
        return super().response_change(request, obj)

    def _submit_if_asked(self, request, obj):
        if "_submit_for_review" not in request.POST:
            return
        try:
            services.submit(user=request.user, item=obj)
        except services.ReviewError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            self.message_user(request, _("Đã gửi duyệt."), messages.SUCCESS)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        workflow = workflow_for(self.model)
        user = request.user

        class ReviewedForm(form):
            def _post_clean(self):
                super()._post_clean()
                # A live item's edit is checked on the item as it would be saved (its new
                # category, type, ...): an approver cannot move it out of their scope.
                instance = self.instance
                live = instance.pk and instance.review_state not in EDITABLE_STATES
                if live and not workflow.may_approve(user, instance):
                    self.add_error(
                        None,
                        _("Bạn không được duyệt %(noun)s trong phạm vi này.")
                        % {"noun": workflow.noun},
                    )

        ReviewedForm.__name__ = form.__name__
        return form if obj is None else ReviewedForm

    # -- the moves, the revisions ----------------------------------------------------------
    def get_urls(self):
        meta = self.model._meta
        name = f"{meta.app_label}_{meta.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/review/", wrap(self.review_view), name=f"{name}_review"),
            path(
                "<path:object_id>/revisions/", wrap(self.revisions_view), name=f"{name}_revisions"
            ),
            path(
                "<path:object_id>/revisions/<int:version_id>/restore/",
                wrap(self.restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def _item(self, request, object_id):
        item = self.get_object(request, unquote(object_id))
        if item is None or not self.has_view_or_change_permission(request, item):
            raise PermissionDenied
        return item

    def _change_url(self, item):
        meta = self.model._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk])

    def review_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        item = self._item(request, object_id)
        name = request.POST.get("move", "")
        if name not in services.TRANSITIONS:
            raise PermissionDenied
        seen = request.POST.get("seen_state", "")
        if seen in ReviewState.values:
            # The state the page showed: a move made on a stale page is refused, not redone.
            setattr(item, self._state(), seen)
        try:
            services.move(
                user=request.user, item=item, name=name, comment=request.POST.get("comment", "")
            )
        except services.ReviewError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            transition = services.TRANSITIONS[name]
            self.message_user(
                request,
                _("%(item)s: đã %(action)s.")
                % {"item": item, "action": str(transition.label).lower()},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._change_url(item))

    def revisions_view(self, request, object_id):
        item = self._item(request, object_id)
        workflow = workflow_for(self.model)
        may_restore = self.has_change_permission(request, item) or workflow.may_approve(
            request.user, item
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": item,
            "title": _("Lịch sử sửa đổi: %(item)s") % {"item": item},
            "entries": revisions.history(item),
            "may_restore": may_restore and request.user.has_perm(restore_permission(self.model)),
            "change_url": self._change_url(item),
        }
        return TemplateResponse(request, "review/revisions.html", context)

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        item = self._item(request, object_id)
        if not request.user.has_perm(restore_permission(self.model)):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(item), pk=version_id)
        try:
            services.restore_revision(user=request.user, item=item, version=version)
        except services.ReviewError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            self.message_user(request, _("Đã khôi phục phiên bản cũ."), messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(item))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            moves = services.available_transitions(user=request.user, item=obj)
            meta = self.model._meta
            context.update(
                review_moves=[move for move in moves if move.name != "submit"],
                review_may_submit=any(move.name == "submit" for move in moves),
                review_url=reverse(
                    f"admin:{meta.app_label}_{meta.model_name}_review", args=[obj.pk]
                ),
                revisions_url=reverse(
                    f"admin:{meta.app_label}_{meta.model_name}_revisions", args=[obj.pk]
                ),
                review_item=obj,
            )
        else:
            context.update(review_may_submit=True)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.action(description=gettext_lazy("Gửi duyệt các mục đã chọn"), permissions=["change"])
    def submit_selected(self, request, queryset):
        self._move_selected(request, queryset, "submit")

    def _move_selected(self, request, queryset, name):
        done, refused = 0, []
        for item in queryset:
            try:
                services.move(user=request.user, item=item, name=name)
                done += 1
            except services.ReviewError as error:
                refused.append(f"{item}: {error.message}")
        if done:
            self.message_user(request, _("Đã xử lý %(count)d mục.") % {"count": done})
        for message in refused:
            self.message_user(request, message, messages.WARNING)


def restore_permission(model) -> str:
    """The permission to restore revisions, declared by each adopting model: ``restore_<model>``."""
    return f"{model._meta.app_label}.restore_{model._meta.model_name}"
