"""Sending e-mail so that a failed send never loses it.

Apps call ``queue_mail`` inside the transaction that saves what the mail reports (a citizen's
message, a question): the mail is a row in django-mailer's queue, committed or rolled back with
it. Once the transaction commits, the queue is sent at once through ``MAILER_EMAIL_BACKEND``
(SMTP in production, the console under ``make run``); a message that fails stays queued as
deferred, shows on the admin home, and is sent again by ``manage.py retry_deferred`` followed by
``manage.py send_mail`` (a cron line in README.md). Nothing here sends through
``EMAIL_BACKEND``, so Django's test runner swapping that for its own does not bypass the queue.
"""

import logging

from django.conf import settings
from django.db import transaction
from mailer import send_mail
from mailer.engine import send_all

logger = logging.getLogger(__name__)


def queue_mail(*, to: list[str], subject: str, body: str) -> None:
    """Queue a plain-text mail in the current transaction; it is sent once that commits."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    # One line: a header with a line break would be refused at sending time.
    subject = " ".join(str(subject).split())
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    transaction.on_commit(send_queued_mail)


def send_queued_mail() -> None:
    """Try every queued message now; failures stay queued (deferred) for the next try."""
    try:
        send_all()
    except Exception:
        # The mail stays in the queue: the citizen's request must not fail because of it.
        logger.exception("sending queued mail failed; it stays queued")
