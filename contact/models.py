"""A citizen's message to the town, sent through the contact page, and how staff handle it.

The message keeps its reference code (given to the citizen), how to answer them, the optional
attachment (in private storage: served only to staff through the admin, never at a media URL),
the sender's address block (for the hourly limit), and the staff's status, assignee and notes.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.clientip import address_block
from core.privatefiles import private_storage
from core.uploads import UploadTo

# Letters and digits that cannot be mistaken for each other when read aloud or copied by hand:
# no 0/O, 1/I/L. Six of them make about 887 million codes.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6
REFERENCE_PREFIX = "LH-"


def new_reference():
    """A fresh reference code such as LH-7K3M9Q: short, readable aloud, not guessable."""
    return REFERENCE_PREFIX + "".join(
        secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH)
    )


class ContactMessageQuerySet(models.QuerySet):
    def from_block_in_last_hour(self, ip):
        since = timezone.now() - timedelta(hours=1)
        return self.filter(ip_block=address_block(ip), created_at__gte=since)


class ContactMessage(models.Model):
    """One message a citizen sent through the contact form."""

    class Status(models.TextChoices):
        NEW = "new", _("Mới")
        IN_PROGRESS = "in_progress", _("Đang xử lý")
        ANSWERED = "answered", _("Đã trả lời")

    reference = models.CharField(_("mã tra cứu"), max_length=20, unique=True, editable=False)
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    message = models.TextField(_("nội dung"))
    attachment = models.FileField(
        _("tệp đính kèm"),
        upload_to=UploadTo("contact", kind="document"),
        storage=private_storage,
        blank=True,
    )
    attachment_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    ip_block = models.CharField(max_length=64, editable=False, db_index=True)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ xử lý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"is_staff": True},
        related_name="contact_messages",
    )
    notes = models.TextField(
        _("ghi chú nội bộ"), blank=True, help_text=_("Chỉ cán bộ thấy; không gửi cho người dân.")
    )

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thư liên hệ")
        verbose_name_plural = _("thư liên hệ")

    def __str__(self):
        return f"{self.reference}: {self.subject}"

    def save(self, *args, **kwargs):
        if self.ip:
            self.ip_block = address_block(self.ip)
        super().save(*args, **kwargs)
