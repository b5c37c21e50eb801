"""The organisation directory in the admin: units with their people inline, English fields
beside the Vietnamese ones, and the town's introduction in both languages."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.images import preview_html
from core.uploads import UploadsLeaveNothingOnFailure

from .models import Introduction, Person, Unit


class PersonInline(admin.StackedInline):
    model = Person
    extra = 0
    fields = [
        ("name", "order"),
        ("position", "position_en"),
        ("phone", "email"),
        ("is_leadership", "is_spokesperson"),
        ("photo", "photo_preview"),
    ]
    readonly_fields = ["photo_preview"]

    @admin.display(description=_("Ảnh hiện tại"))
    def photo_preview(self, person):
        return preview_html(person.photo_small, 80)


@admin.register(Unit)
class UnitAdmin(UploadsLeaveNothingOnFailure, admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "order", "show_on_contact"]
    list_editable = ["order"]
    list_filter = ["kind", "show_on_contact"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [PersonInline]
    # Each Vietnamese field with its English one on the same row.
    fieldsets = [
        (None, {"fields": [("name", "name_en"), "slug", ("kind", "parent", "order")]}),
        (_("Chức năng, nhiệm vụ"), {"fields": [("functions", "functions_en")]}),
        (
            _("Liên hệ"),
            {"fields": [("address", "address_en"), ("phone", "email"), "show_on_contact"]},
        ),
    ]

    def save_formset(self, request, form, formset, change):
        # People's photos are stored by their inline forms: list them for clean-up on failure.
        instances = formset.save(commit=False)
        for person in formset.deleted_objects:
            person.delete()
        stored = getattr(request, "stored_uploads", None)
        for person in instances:
            before = person.photo.name if person.photo and person.photo._committed else None
            person.save()
            if stored is not None and person.photo and person.photo.name != before:
                stored.extend(file for file in (person.photo, person.photo_small) if file)
        formset.save_m2m()


@admin.register(Person)
class PersonAdmin(UploadsLeaveNothingOnFailure, admin.ModelAdmin):
    list_display = ["name", "position", "unit", "order", "is_leadership", "is_spokesperson"]
    list_editable = ["order"]
    list_filter = ["is_leadership", "is_spokesperson", "unit"]
    search_fields = ["name", "position", "search_text"]
    autocomplete_fields = ["unit"]
    fields = PersonInline.fields[:1] + [
        "unit",
        *PersonInline.fields[1:],
    ]
    readonly_fields = ["photo_preview"]

    @admin.display(description=_("Ảnh hiện tại"))
    def photo_preview(self, person):
        return preview_html(person.photo_small, 80)


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin):
    list_display = ["title", "title_en", "updated_at"]
    fields = [("title", "title_en"), ("text", "text_en")]
