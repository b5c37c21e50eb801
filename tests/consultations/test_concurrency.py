"""Citizens commenting at the same moment on PostgreSQL: the hourly limit per address block is
exact, and every comment is counted."""

import pytest
from django.db import connection
from factories import make_consultation
from threads import run_at_once

from consultations import services
from consultations.models import ConsultationComment

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def post(consultation, ip):
    return services.post_comment(
        consultation=consultation, ip=ip, name="Dân", contact="0912345678", text="Ý kiến."
    )


@pytest.mark.django_db(transaction=True)
def test_twenty_comments_at_once_from_one_address_stop_exactly_at_the_limit(settings):
    settings.CONSULTATIONS_COMMENTS_PER_IP_PER_HOUR = 5
    consultation = make_consultation()

    def comment(number):
        try:
            post(consultation, "198.51.100.1")
        except services.CommentLimitReached:
            return False
        return True

    assert run_at_once(20, comment).count(True) == 5
    assert ConsultationComment.objects.count() == 5


@pytest.mark.django_db(transaction=True)
def test_fifty_citizens_at_once_are_fifty_comments_received(client):
    consultation = make_consultation()

    run_at_once(50, lambda number: post(consultation, f"198.51.100.{number + 1}"))

    assert consultation.received_count() == 50
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "<dd data-received-count>50</dd>" in page
