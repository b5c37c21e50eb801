"""Staff pages for consultations (the draft and result in the rich-text editor, their files) and
the moderation of citizens' comments on them."""

from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.moderation import ModeratedInline, ModerationAdmin, moderation_actions
from core.uploads import UploadsLeaveNothingOnFailure

from . import services
from .models import Consultation, ConsultationComment, ConsultationFile


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["title", "slug", "summary", "unit", "opens_at", "closes_at", "draft", "result"]
        # The editor lives only here: the model stores plain, sanitised HTML in TextFields.
        widgets = {
            "draft": CKEditorUploadingWidget(),
            "result": CKEditorUploadingWidget(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    class Media:
        js = ["js/editor-csrf.js", "admin/js/urlify.js", "js/admin-slug.js"]


class ConsultationFileInline(admin.TabularInline):
    model = ConsultationFile
    fields = ["title", "file", "is_result", "order"]
    extra = 1


class CommentInline(ModeratedInline):
    """A consultation's comments, read only (moderated on the comments' own list)."""

    model = ConsultationComment
    fields = ["name", "text", "status", "created_at"]


@admin.register(Consultation)
class ConsultationAdmin(UploadsLeaveNothingOnFailure, admin.ModelAdmin):
    form = ConsultationForm
    list_display = ["title", "unit", "opens_at", "closes_at", "phase_label", "pending_comments"]
    list_filter = ["unit", "opens_at"]
    list_select_related = ["unit"]
    search_fields = ["title", "summary"]
    date_hierarchy = "opens_at"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ConsultationFileInline, CommentInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "unit", "opens_at", "closes_at", "draft"]}),
        (_("Kết quả (sau khi kết thúc)"), {"fields": ["result"]}),
    ]

    @admin.display(description=_("tình trạng"))
    def phase_label(self, consultation):
        return consultation.phase_label

    @admin.display(description=_("ý kiến chờ duyệt"))
    def pending_comments(self, consultation):
        return consultation.comments.pending().count()


@admin.register(ConsultationComment)
class ConsultationCommentAdmin(ModerationAdmin):
    list_display = ["excerpt", "name", "consultation_title", "status", "created_at", "ip"]
    list_filter = ["status", "consultation", "created_at"]
    list_select_related = ["consultation"]
    search_fields = ["text", "name", "contact", "ip"]
    date_hierarchy = "created_at"
    actions = moderation_actions(
        approve=_("Duyệt các ý kiến đã chọn"),
        reject=_("Từ chối các ý kiến đã chọn"),
        mark_spam=_("Đánh dấu thư rác các ý kiến đã chọn"),
    )
    changed_message = _("Đã cập nhật %d ý kiến.")
    fields = ["consultation", "name", "contact", "ip", "created_at", "text", "status"]
    readonly_fields = ["consultation", "name", "contact", "ip", "created_at", "text"]

    @admin.display(description=_("Ý kiến"))
    def excerpt(self, comment):
        return Truncator(comment.text).chars(80)

    @admin.display(description=_("dự thảo"), ordering="consultation__title")
    def consultation_title(self, comment):
        return Truncator(comment.consultation.title).chars(60)

    def save_model(self, request, comment, form, change):
        if "status" in form.changed_data:
            services.moderate(ConsultationComment.objects.filter(pk=comment.pk), comment.status)
        else:
            super().save_model(request, comment, form, change)

    def moderate(self, queryset, status):
        return services.moderate(queryset, status)
