"""The audit log in the admin: read and filtered by superusers only, never added to, changed or
deleted there."""

from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "target_type", "target_text", "ip"]
    list_filter = ["action", "target_type", "at"]
    search_fields = ["actor_name", "target_text", "target_id", "detail", "ip"]
    date_hierarchy = "at"
    fields = [
        "at", "actor", "actor_name", "action", "target_type", "target_id", "target_text",
        "detail", "ip",
    ]  # fmt: skip
    readonly_fields = fields
    list_select_related = ["actor"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
