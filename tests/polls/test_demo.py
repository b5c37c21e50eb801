"""The demo content of consultations and polls: an open and a finished consultation with its
result, a current poll with real votes; loading again adds nothing."""

import tomllib
from pathlib import Path

import pytest
from django.utils import timezone

from consultations.models import Consultation, Phase
from polls.demo import load_demo_votes
from polls.models import Poll
from portal.demo import DEMO_FILE, load_table

ROOT = Path(__file__).resolve().parents[2]


def load_apps_demo():
    now = timezone.now().replace(second=0, microsecond=0)
    created = 0
    for app in ("consultations", "polls"):
        path = ROOT / app / DEMO_FILE
        for table in tomllib.loads(path.read_text(encoding="utf-8")).values():
            created += load_table(table, path.parent, now)
    return created + load_demo_votes()


@pytest.mark.django_db
def test_the_demo_has_an_open_and_a_finished_consultation_and_a_current_poll_with_votes(client):
    assert load_apps_demo() > 0

    phases = {consultation.phase() for consultation in Consultation.objects.all()}
    assert phases == {Phase.OPEN, Phase.CLOSED}
    finished = Consultation.objects.closed().get()
    assert "đã tiếp thu" in finished.result.lower() or "tiếp thu" in finished.result
    assert finished.files.filter(is_result=True).exists()
    poll = Poll.objects.current()
    assert poll is not None and poll.voter_count == 22
    assert "22 người đã bình chọn" in client.get(poll.get_absolute_url()).content.decode()
    assert poll.question in client.get("/").content.decode()

    assert load_apps_demo() == 0
