"""Staff pages for categories and articles, with the rich-text editor on the article body."""

from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.images import preview_html
from core.uploads import UploadsLeaveNothingOnFailure

from .models import Article, Category, CategoryApprover

# Named after urlify.js so that the admin's media merge loads the fix after what it wraps.
SLUG_JS = ["admin/js/urlify.js", "js/admin-slug.js"]


class CategoryApproverInline(admin.TabularInline):
    """Who approves the category's articles; shown only to staff allowed to change it (not
    editors, who could otherwise make themselves approvers)."""

    model = CategoryApprover
    fields = ["user", "group"]
    extra = 1


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    inlines = [CategoryApproverInline]
    list_display = ["name", "parent", "order", "slug"]
    list_editable = ["order"]
    list_filter = ["parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    class Media:
        js = SLUG_JS


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title", "slug", "category", "lead", "body", "cover", "cover_caption",
            "published_at", "is_featured", "author_line",
        ]  # fmt: skip
        # The editor lives only here: the model stores plain, sanitised HTML in a TextField.
        widgets = {"body": CKEditorUploadingWidget(), "lead": forms.Textarea(attrs={"rows": 3})}

    class Media:
        js = ["js/editor-csrf.js", *SLUG_JS]


@admin.register(Article)
class ArticleAdmin(UploadsLeaveNothingOnFailure, admin.ModelAdmin):
    form = ArticleForm
    list_display = ["title", "category", "status", "published_at", "is_featured", "thumbnail"]
    list_filter = ["status", "is_featured", "category", "published_at"]
    list_select_related = ["category"]
    search_fields = ["title", "lead"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["cover_preview", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body"]}),
        (_("Ảnh đại diện"), {"fields": ["cover", "cover_preview", "cover_caption"]}),
        (
            _("Xuất bản"),
            {
                "fields": [
                    "published_at",
                    "is_featured",
                    "author_line",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("Ảnh"))
    def thumbnail(self, article):
        return preview_html(article.cover_small, 80)

    @admin.display(description=_("Xem trước ảnh"))
    def cover_preview(self, article):
        return preview_html(article.cover_small, 320)

    def view_on_site(self, article):
        return article.get_absolute_url()
