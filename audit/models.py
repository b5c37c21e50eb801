"""The audit log's one model: an entry per staff action that matters, never changed afterwards."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One staff action: who (``actor``, and their user name as it was then), when, what
    (``action`` on an object named by its type, id and text at the time), and from which
    address. Written only through ``audit.services.record``; the admin shows it read only."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Đăng nhập")
        LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
        LOGOUT = "logout", _("Đăng xuất")
        SUBMIT = "submit", _("Gửi duyệt")
        PUBLISH = "publish", _("Xuất bản")
        RETURN = "return", _("Trả lại")
        WITHDRAW = "withdraw", _("Gỡ xuống")
        RESTORE = "restore", _("Khôi phục phiên bản")
        DELETE = "delete", _("Xoá")
        MODERATE = "moderate", _("Kiểm duyệt bình luận")
        PERMISSIONS = "permissions", _("Đổi quyền / nhóm")
        TWO_FACTOR = "two_factor", _("Xác thực hai bước")

    at = models.DateTimeField(_("thời gian"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as typed: a failed login names a user who may not exist; a deleted user stays named.
    actor_name = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    action = models.CharField(_("hành động"), max_length=20, choices=Action.choices)
    target_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    target_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    target_text = models.CharField(_("đối tượng"), max_length=255, blank=True)
    detail = models.TextField(_("chi tiết"), blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        indexes = [models.Index(fields=["action", "-at"], name="audit_action_idx")]

    def __str__(self):
        return f"{self.actor_name} – {self.get_action_display()} – {self.target_text}"
