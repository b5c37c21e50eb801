"""Outgoing mail as staff see it: django-mailer's queue and log, named in Vietnamese.

django-mailer keeps each message in its ``Message`` table until a send succeeds, and a line per
attempt in ``MessageLog``. These proxies add no table: they give the admin Vietnamese names and
the ``outbox`` permissions the office is granted.
"""

from django.utils.translation import gettext_lazy as _
from mailer.models import Message, MessageLog


class QueuedMail(Message):
    """A message not sent yet: waiting for its first try, or deferred after a failed one."""

    class Meta:
        proxy = True
        verbose_name = _("thư chờ gửi")
        verbose_name_plural = _("thư chờ gửi")


class MailAttempt(MessageLog):
    """One try at sending a message, successful or not, with the error when it failed."""

    class Meta:
        proxy = True
        verbose_name = _("lần gửi thư")
        verbose_name_plural = _("nhật ký gửi thư")
