"""Receiving a citizen's message: the hourly limit held exactly, a unique reference code, and
the e-mails to the town's inbox and to the citizen, queued in the same transaction."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.limits import one_writer_per_address_block
from outbox.services import queue_mail

from .models import ContactMessage, new_reference


class ContactLimitReached(Exception):
    """Too many messages came from one address block in the last hour."""


# The first key of PostgreSQL advisory locks taken here; the second is the address block's hash.
CONTACT_LIMIT_LOCK = 0x4C49454E  # "LIEN"
REFERENCE_TRIES = 5


def limit_reached(ip: str) -> bool:
    return (
        ContactMessage.objects.from_block_in_last_hour(ip).count()
        >= settings.CONTACT_MESSAGES_PER_IP_PER_HOUR
    )


def _saved_with_a_fresh_reference(message: ContactMessage) -> None:
    for attempt in range(REFERENCE_TRIES):
        message.reference = new_reference()
        try:
            with transaction.atomic():
                message.save()
            return
        except IntegrityError:
            # Another message took the code (about one chance in a billion): draw again.
            if attempt == REFERENCE_TRIES - 1:
                raise


@transaction.atomic
def receive_message(
    *,
    ip: str,
    name: str,
    subject: str,
    message: str,
    email: str = "",
    phone: str = "",
    attachment: UploadedFile | None = None,
) -> ContactMessage:
    """Store a citizen's message and queue its e-mails; raises ContactLimitReached.

    The e-mails are rows of the outbox queue saved with the message: both are kept or neither,
    and a mail server that fails never loses the message or its mail (outbox.services).
    """
    one_writer_per_address_block(ip, lock=CONTACT_LIMIT_LOCK)
    if limit_reached(ip):
        raise ContactLimitReached
    received = ContactMessage(
        ip=ip, name=name, email=email, phone=phone, subject=subject, message=message
    )
    if attachment:
        received.attachment = attachment
        received.attachment_name = (attachment.name or "")[-255:]
    try:
        _saved_with_a_fresh_reference(received)
        _queue_mails(received)
    except BaseException:
        # Storage has no transactions: the stored attachment goes with the rolled-back row.
        if received.attachment and received.attachment._committed:
            received.attachment.storage.delete(received.attachment.name)
        raise
    return received


def _queue_mails(received: ContactMessage) -> None:
    details = "\n".join(
        [
            _("Mã tra cứu: %(code)s") % {"code": received.reference},
            _("Họ và tên: %(name)s") % {"name": received.name},
            _("Thư điện tử: %(email)s") % {"email": received.email or "—"},
            _("Điện thoại: %(phone)s") % {"phone": received.phone or "—"},
            _("Tiêu đề: %(subject)s") % {"subject": received.subject},
            "",
            received.message,
        ]
    )
    if settings.CONTACT_EMAIL:
        admin_url = settings.SITE_URL + reverse(
            "admin:contact_contactmessage_change", args=[received.pk]
        )
        attachment_line = (
            _("Có tệp đính kèm: xem trong trang quản trị.") if received.attachment else ""
        )
        queue_mail(
            to=[settings.CONTACT_EMAIL],
            subject=_("[%(code)s] Thư liên hệ: %(subject)s")
            % {"code": received.reference, "subject": received.subject},
            body="\n\n".join(
                part
                for part in [details, attachment_line, _("Xử lý thư: %(url)s") % {"url": admin_url}]
                if part
            ),
        )
    if received.email:
        queue_mail(
            to=[received.email],
            subject=_("Đã nhận thư liên hệ của bạn (mã %(code)s)") % {"code": received.reference},
            body="\n\n".join(
                [
                    _("Kính gửi %(name)s,") % {"name": received.name},
                    _(
                        "%(town)s đã nhận được thư của bạn. Mã tra cứu của thư là %(code)s; "
                        "vui lòng ghi lại mã này khi liên hệ về thư."
                    )
                    % {"town": settings.TOWN_NAME, "code": received.reference},
                    details,
                    _("Thư này được gửi tự động, vui lòng không trả lời."),
                ]
            ),
        )
