"""Staff pages for documents (văn bản), their files and relations, their kinds, and the
access-to-information list."""

from django import forms
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import (
    Document,
    DocumentFile,
    DocumentRelation,
    DocumentType,
    InformationContact,
    IssuingBody,
    PublicInformation,
    Sector,
)
from .models import number_key as make_number_key


class KindAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "slug"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(DocumentType, KindAdmin)
admin.site.register(IssuingBody, KindAdmin)
admin.site.register(Sector, KindAdmin)


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    fields = ["file", "original_name", "order", "size_shown", "download_count"]
    readonly_fields = ["size_shown", "download_count"]
    extra = 1

    @admin.display(description=_("dung lượng"))
    def size_shown(self, attached):
        return filesizeformat(attached.size) if attached.pk else "–"


class DocumentRelationInline(admin.TabularInline):
    model = DocumentRelation
    fk_name = "source"
    fields = ["kind", "target"]
    # Chosen by searching numbers and summaries: a town has thousands of documents.
    autocomplete_fields = ["target"]
    extra = 1


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = [
            "number", "slug", "doc_type", "issuing_body", "sector", "signer_name",
            "signer_position", "issued_on", "effective_on", "expires_on", "summary", "full_text",
        ]  # fmt: skip
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def clean_number(self):
        number = " ".join(self.cleaned_data["number"].split())
        # "15/2024/QĐ-UBND" and "15/2024/qđ-ubnd " are the same document.
        same = Document.objects.filter(number_key=make_number_key(number))
        if self.instance.pk:
            same = same.exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError(_("Đã có văn bản số %(number)s.") % {"number": number})
        return number


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentForm
    list_display = [
        "number",
        "doc_type",
        "issuing_body",
        "issued_on",
        "effective_on",
        "summary_short",
    ]
    list_filter = ["doc_type", "issuing_body", "sector", "issued_on"]
    list_select_related = ["doc_type", "issuing_body"]
    search_fields = ["number", "summary"]
    date_hierarchy = "issued_on"
    inlines = [DocumentFileInline, DocumentRelationInline]
    fieldsets = [
        (None, {"fields": ["number", "slug", "doc_type", "issuing_body", "sector", "summary"]}),
        (_("Người ký"), {"fields": ["signer_name", "signer_position"]}),
        (_("Hiệu lực"), {"fields": ["issued_on", "effective_on", "expires_on"]}),
        (_("Toàn văn"), {"fields": ["full_text"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("trích yếu"))
    def summary_short(self, document):
        return document.summary[:120]

    def get_search_results(self, request, queryset, search_term):
        # Staff type numbers and summaries as readers do: accents and spaces optional.
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            found = found | queryset.search(search_term)
        return found, may_have_duplicates


@admin.register(PublicInformation)
class PublicInformationAdmin(admin.ModelAdmin):
    list_display = ["title", "doc_type", "link", "order"]
    list_editable = ["order"]
    search_fields = ["title"]


@admin.register(InformationContact)
class InformationContactAdmin(admin.ModelAdmin):
    list_display = ["unit", "person", "phone", "email"]
