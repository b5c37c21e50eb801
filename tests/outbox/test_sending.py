"""Mail the portal sends: queued with what it reports, sent after commit, never lost to a failure."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from mailer.models import PRIORITY_DEFERRED, Message, MessageLog

from outbox.services import queue_mail

pytestmark = pytest.mark.django_db

FAILING = "faultviews.UnreachableMailServer"


def queue_a_confirmation(to=("dan@example.org",)):
    queue_mail(to=list(to), subject="Đã nhận thư của bạn", body="Mã tra cứu: LH-123")


def test_mail_is_sent_once_what_it_reports_is_committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_a_confirmation()
        assert mail.outbox == []  # nothing leaves before the commit
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["dan@example.org"], "Đã nhận thư của bạn", "Mã tra cứu: LH-123")
    ]
    assert not Message.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_mail_of_a_rolled_back_transaction_is_never_sent():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_a_confirmation()
        raise RuntimeError("saving the citizen's message failed")
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_a_failed_send_keeps_the_mail_until_it_is_sent_again(
    settings, django_capture_on_commit_callbacks
):
    settings.MAILER_EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        queue_a_confirmation()
    kept = Message.objects.get()
    assert kept.priority == PRIORITY_DEFERRED
    assert "the mail server is down" in MessageLog.objects.get().log_message

    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("retry_deferred")
    call_command("send_mail")
    assert [m.body for m in mail.outbox] == ["Mã tra cứu: LH-123"]
    assert not Message.objects.exists()


def test_no_address_means_no_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_a_confirmation(to=["", ""])
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_a_subject_with_a_line_break_is_sent_on_one_line(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(to=["dan@example.org"], subject="Hỏi\nBcc: ke-gian@example.org", body="x")
    assert mail.outbox[0].subject == "Hỏi Bcc: ke-gian@example.org"
    assert mail.outbox[0].bcc == []


def test_staff_who_may_see_mail_are_told_of_failed_sends_and_can_send_them_again(
    settings, client, django_user_model, django_capture_on_commit_callbacks
):
    settings.MAILER_EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        queue_a_confirmation()
    office = django_user_model.objects.create_user("vanphong", password="x", is_staff=True)
    office.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="outbox")
    )
    client.force_login(office)
    home = client.get(reverse("admin:index")).content.decode()
    assert "1 thư chưa gửi được" in home

    queue = client.get(reverse("admin:outbox_queuedmail_changelist")).content.decode()
    assert "dan@example.org" in queue and "Đã nhận thư của bạn" in queue

    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post(
        reverse("admin:outbox_queuedmail_changelist"),
        {"action": "send_again", "_selected_action": [Message.objects.get().pk]},
    )
    assert [m.to for m in mail.outbox] == [["dan@example.org"]]
    assert "thư chưa gửi được" not in client.get(reverse("admin:index")).content.decode()


def test_staff_without_the_permission_are_not_told(settings, editor_client):
    settings.MAILER_EMAIL_BACKEND = FAILING
    queue_a_confirmation()
    Message.objects.update(priority=PRIORITY_DEFERRED)
    assert "thư chưa gửi được" not in editor_client.get(reverse("admin:index")).content.decode()
