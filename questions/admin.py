"""Staff pages for citizens' questions: a unit's staff see and answer only their unit's
questions; coordinators see all, assign them to units, and keep the fields and who answers
for which unit. Lists show how long each question has waited and which are overdue."""

from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from django.contrib import admin, messages
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from core.privatefiles import PrivateAttachmentAdmin

from . import services
from .models import AnswerAttachment, Field, Question, Responder
from .selectors import may_coordinate, questions_for

ACTIONS = ("_publish", "_decline", "_unpublish")


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "slug"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(Responder)
class ResponderAdmin(admin.ModelAdmin):
    list_display = ["user", "unit"]
    list_filter = ["unit"]
    list_select_related = ["user", "unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]


class DeadlineFilter(admin.SimpleListFilter):
    title = _("thời hạn trả lời")
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [("cho", _("Đang chờ trả lời")), ("qua-han", _("Quá hạn"))]

    def queryset(self, request, queryset):
        if self.value() == "cho":
            return queryset.waiting()
        if self.value() == "qua-han":
            return queryset.overdue()
        return queryset


class AnswerAttachmentInline(admin.TabularInline):
    model = AnswerAttachment
    fields = ["title", "file", "order"]
    extra = 1


class QuestionForm(forms.ModelForm):
    """The staff's part of a question; what the buttons ask is checked before anything is saved."""

    class Meta:
        model = Question
        fields = ["unit", "field", "answer", "decline_reason"]
        widgets = {
            "answer": CKEditorUploadingWidget(),
            "decline_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned_data = super().clean()
        action = next((name for name in ACTIONS if name in self.data), None)
        status = self.instance.status
        if status == Question.Status.DECLINED:
            raise forms.ValidationError(_("Câu hỏi này đã được đóng (không trả lời)."))
        answer = cleaned_data.get("answer", self.instance.answer) or ""
        if action == "_publish":
            if not answer.strip():
                self.add_error("answer", _("Vui lòng viết câu trả lời trước khi công bố."))
            elif status == Question.Status.PUBLISHED:
                raise forms.ValidationError(_("Câu hỏi này đã được công bố."))
        if action == "_decline":
            if not (cleaned_data.get("decline_reason") or "").strip():
                self.add_error(
                    "decline_reason", _("Vui lòng ghi lý do không trả lời để báo cho người hỏi.")
                )
            elif not self.instance.is_waiting:
                raise forms.ValidationError(
                    _("Chỉ đóng được câu hỏi đang chờ; hãy thôi công bố trước.")
                )
        return cleaned_data


@admin.register(Question)
class QuestionAdmin(PrivateAttachmentAdmin, admin.ModelAdmin):
    form = QuestionForm
    change_form_template = "admin/questions/question/change_form.html"
    list_display = [
        "code", "title", "field", "unit", "status", "received_at", "waited", "deadline",
    ]  # fmt: skip
    list_filter = ["status", DeadlineFilter, "field", "unit"]
    list_select_related = ["field", "unit"]
    search_fields = ["code", "title", "name", "email", "phone"]
    date_hierarchy = "received_at"
    inlines = [AnswerAttachmentInline]
    asker_fields = [
        "code", "status", "received_at", "name", "name_shown", "email", "phone", "place",
        "title", "text", "attachment_link",
    ]  # fmt: skip
    readonly_fields = [
        *asker_fields, "assigned_at", "answered_at", "answered_by", "published_at",
        "declined_at", "waited", "deadline", "public_link",
    ]  # fmt: skip

    def get_fieldsets(self, request, obj=None):
        office = ["unit", "field"] if may_coordinate(request.user) else ["field"]
        return [
            (_("Câu hỏi của người dân"), {"fields": self.asker_fields}),
            (
                _("Xử lý"),
                {
                    "fields": [
                        *office,
                        "assigned_at",
                        "waited",
                        "deadline",
                        "answered_at",
                        "answered_by",
                        "published_at",
                        "public_link",
                    ]  # fmt: skip
                },
            ),
            (_("Câu trả lời"), {"fields": ["answer"]}),
            (_("Không trả lời"), {"fields": ["decline_reason", "declined_at"]}),
        ]

    def get_queryset(self, request):
        # Staff of a unit never reach another unit's question: not in the list, and its change
        # page (or a forged POST to it) answers as if it did not exist.
        return questions_for(request.user).select_related("field", "unit", "ward")

    def has_add_permission(self, request):
        # Questions come from citizens, through the form and its captcha.
        return False

    def has_delete_permission(self, request, obj=None):
        return may_coordinate(request.user) and super().has_delete_permission(request, obj)

    def get_list_filter(self, request):
        if may_coordinate(request.user):
            return self.list_filter
        return [name for name in self.list_filter if name != "unit"]

    @admin.display(description=_("nơi ở"))
    def place(self, question):
        return question.place_shown or "–"

    def attachment_filename(self, question):
        return question.code

    @admin.display(description=_("trang công khai"))
    def public_link(self, question):
        if not question.is_public:
            return "–"
        return format_html('<a href="{0}">{0}</a>', question.get_absolute_url())

    @admin.display(description=_("đã chờ"))
    def waited(self, question):
        return _("%(days)d ngày") % {"days": question.days_waited()}

    @admin.display(description=_("hạn trả lời"))
    def deadline(self, question):
        shown = date_format(localtime(question.due_at()), "SHORT_DATE_FORMAT")
        if question.is_overdue():
            return format_html('<strong class="overdue">{} – {}</strong>', shown, _("quá hạn"))
        return shown

    def save_model(self, request, question, form, change):
        data = form.cleaned_data
        changed = set(form.changed_data)
        try:
            if "field" in changed:
                Question.objects.filter(pk=question.pk).update(field=data["field"])
            if "unit" in changed and data.get("unit") and may_coordinate(request.user):
                services.assign_question(question_id=question.pk, unit=data["unit"])
            if "answer" in changed:
                services.save_answer(
                    question_id=question.pk, answer=data["answer"], by=request.user
                )
            if "_publish" in request.POST:
                services.publish_question(question_id=question.pk)
                self.message_user(
                    request, _("Đã công bố câu hỏi và báo cho người hỏi."), messages.SUCCESS
                )
            elif "_unpublish" in request.POST:
                services.unpublish_question(question_id=question.pk)
                self.message_user(request, _("Đã thôi công bố câu hỏi."), messages.SUCCESS)
            elif "_decline" in request.POST:
                services.decline_question(question_id=question.pk, reason=data["decline_reason"])
                self.message_user(
                    request, _("Đã đóng câu hỏi và báo lý do cho người hỏi."), messages.SUCCESS
                )
            elif "decline_reason" in changed:
                Question.objects.filter(pk=question.pk).update(
                    decline_reason=data["decline_reason"]
                )
        except services.TransitionRefused as refused:
            # Someone else moved it first (published it, closed it): say where it stands now.
            self.message_user(
                request,
                _("Không thực hiện được: câu hỏi đang ở trạng thái “%(status)s”.")
                % {"status": refused},
                messages.ERROR,
            )
        question.refresh_from_db()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["question_status"] = obj.status if obj else None
        return super().render_change_form(request, context, add, change, form_url, obj)
