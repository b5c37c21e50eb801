"""The organisation directory in the admin."""

from django.contrib import admin

from .models import Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}
