"""Many messages from one address block at the same moment on PostgreSQL: the hourly limit
holds exactly, and other blocks are not held back."""

import pytest
from django.db import connection
from threads import run_at_once

from contact import services
from contact.models import ContactMessage

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

SENDERS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_messages_at_once_from_one_block_store_exactly_the_limit(settings):
    settings.CONTACT_MESSAGES_PER_IP_PER_HOUR = 5
    settings.CONTACT_EMAIL = "vanphong@honglinh.example.vn"

    def send(number):
        try:
            # One IPv6 /64: a reader making up new addresses is still one block.
            services.receive_message(
                ip=f"2001:db8:5::{number + 1:x}",
                name=f"Người dân {number}",
                email=f"dan{number}@example.org",
                subject="Hỏi về giờ làm việc",
                message="Bộ phận một cửa làm việc đến mấy giờ?",
            )
            return "sent"
        except services.ContactLimitReached:
            return "refused"

    outcomes = run_at_once(SENDERS, send)

    assert outcomes.count("sent") == 5 == ContactMessage.objects.count()
    assert outcomes.count("refused") == SENDERS - 5
    assert len(set(ContactMessage.objects.values_list("reference", flat=True))) == 5


@pytest.mark.django_db(transaction=True)
def test_senders_from_different_blocks_do_not_wait_for_each_others_limit(settings):
    settings.CONTACT_MESSAGES_PER_IP_PER_HOUR = 1

    def send(number):
        services.receive_message(
            ip=f"198.51.100.{number + 1}",
            name="Dân",
            phone="0912345678",
            subject="Hỏi",
            message="Nội dung.",
        )

    run_at_once(SENDERS, send)
    assert ContactMessage.objects.count() == SENDERS
