"""Staff pages for the town's pages (with the rich-text editor), the main menu and the
portal's identity (a single record)."""

from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.images import preview_html
from core.sections import section_choices
from core.uploads import UploadsLeaveNothingOnFailure

from .models import MenuEntry, Page, PageRedirect, SiteIdentity

# Named after urlify.js so that the admin's media merge loads the fix after what it wraps.
SLUG_JS = ["admin/js/urlify.js", "js/admin-slug.js"]


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = [
            "title", "slug", "parent", "order", "status", "lead", "body", "cover", "cover_caption",
        ]  # fmt: skip
        # The editor lives only here: the model stores sanitised HTML in a TextField.
        widgets = {"body": CKEditorUploadingWidget(), "lead": forms.Textarea(attrs={"rows": 3})}

    class Media:
        js = ["js/editor-csrf.js", *SLUG_JS]


class PageRedirectInline(admin.TabularInline):
    model = PageRedirect
    fields = ["old_path", "created_at"]
    readonly_fields = ["old_path", "created_at"]
    extra = 0
    can_delete = True
    verbose_name_plural = _("Địa chỉ cũ vẫn chuyển tới trang này")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Page)
class PageAdmin(UploadsLeaveNothingOnFailure, admin.ModelAdmin):
    form = PageForm
    list_display = ["title", "address", "status", "order", "updated_at"]
    list_editable = ["order"]
    list_filter = ["status", "parent"]
    list_select_related = ["parent"]
    search_fields = ["title", "path"]
    ordering = ["path"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["address", "cover_preview", "created_at", "updated_at"]
    inlines = [PageRedirectInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "address", "parent", "order", "lead", "body"]}),
        (_("Ảnh đại diện"), {"fields": ["cover", "cover_preview", "cover_caption"]}),
        (_("Xuất bản"), {"fields": ["status", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("địa chỉ"), ordering="path")
    def address(self, page):
        if not page.pk:
            return _("Được tạo từ trang cha và đường dẫn khi lưu.")
        return format_html('<a href="{0}">{0}</a>', page.get_absolute_url())

    @admin.display(description=_("Xem trước ảnh"))
    def cover_preview(self, page):
        return preview_html(page.cover_large, 320)

    @admin.action(description=_("Xuất bản các trang đã chọn"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Page.Status.PUBLISHED)

    @admin.action(description=_("Chuyển các trang đã chọn về bản nháp"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Page.Status.DRAFT)

    def _set_status(self, request, queryset, status):
        # One by one, through save(): each sends the signal that refreshes the cached pages.
        count = 0
        for page in queryset:
            page.status = status
            page.save()
            count += 1
        self.message_user(
            request,
            ngettext("Đã cập nhật %(count)d trang.", "Đã cập nhật %(count)d trang.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(PageRedirect)
class PageRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "page", "created_at"]
    search_fields = ["old_path", "page__title"]
    list_select_related = ["page"]
    readonly_fields = ["old_path", "page", "created_at"]

    def has_add_permission(self, request):
        return False


class MenuEntryForm(forms.ModelForm):
    section = forms.ChoiceField(label=_("mục"), required=False)

    class Meta:
        model = MenuEntry
        fields = ["label", "kind", "category", "page", "section", "url", "parent", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "---------"), *section_choices()]
        # An entry kept for a section whose app is not installed keeps its key.
        current = self.instance.section
        if current and current not in dict(choices):
            choices.append((current, _("%(key)s (chưa có trên cổng)") % {"key": current}))
        self.fields["section"].choices = choices


class MenuEntryInline(admin.TabularInline):
    model = MenuEntry
    form = MenuEntryForm
    fk_name = "parent"
    fields = ["label", "kind", "category", "page", "section", "url", "order"]
    extra = 1
    verbose_name = _("mục con")
    verbose_name_plural = _("mục con (một cấp)")


@admin.register(MenuEntry)
class MenuEntryAdmin(admin.ModelAdmin):
    form = MenuEntryForm
    list_display = ["__str__", "kind", "destination", "order"]
    list_display_links = ["__str__"]
    list_editable = ["order"]
    list_select_related = ["category", "page"]
    inlines = [MenuEntryInline]

    def get_queryset(self, request):
        # The list shows top-level entries; sub-entries are edited inside their entry.
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("changelist"):
            return queryset.filter(parent__isnull=True)
        return queryset

    @admin.display(description=_("dẫn tới"))
    def destination(self, entry):
        target = entry.target()
        if target is None:
            return _("(không hiển thị: đích chưa có hoặc chưa xuất bản)")
        label, address = target
        children = entry.children.count()
        suffix = ngettext(" · %(count)d mục con", " · %(count)d mục con", children) % {
            "count": children
        }
        return f"{address}{suffix if children else ''}"


@admin.register(SiteIdentity)
class SiteIdentityAdmin(UploadsLeaveNothingOnFailure, admin.ModelAdmin):
    fieldsets = [
        (_("Đầu trang"), {"fields": ["kicker", "full_name", "emblem"]}),
        (
            _("Chân trang"),
            {
                "fields": [
                    "governing_body",
                    "responsible_person",
                    "address",
                    "phone",
                    "email",
                    "licence",
                ]  # fmt: skip
            },
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteIdentity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One record: its list is its form, a new one until staff first save it.
        exists = SiteIdentity.objects.filter(pk=SiteIdentity.SINGLETON_PK).exists()
        object_id = str(SiteIdentity.SINGLETON_PK) if exists else None
        return self.changeform_view(request, object_id, extra_context=extra_context)
