"""The questions' demo content: answered questions to read, one waiting for staff, loaded once."""

import tomllib
from pathlib import Path

import pytest
from django.utils import timezone

from portal.demo import load_table
from questions.models import Question

pytestmark = pytest.mark.django_db

DEMO = "questions/demo/content.toml"


def load(folder):
    path = Path(__file__).resolve().parents[2] / DEMO
    tables = tomllib.loads(path.read_text(encoding="utf-8")).values()
    now = timezone.now()
    return sum(load_table(table, path.parent, now) for table in tables)


def test_the_demo_has_published_answers_to_read_and_a_question_waiting(client, tmp_path):
    assert load(tmp_path) > 0

    published = Question.objects.published()
    assert published.count() >= 3
    assert Question.objects.waiting().count() >= 1
    listing = client.get("/hoi-dap/").content.decode()
    for question in published:
        assert question.title in listing
        page = client.get(question.get_absolute_url())
        assert page.status_code == 200
        for detail in (question.email, question.phone):
            assert not detail or detail not in page.content.decode()
    code = published.first().code
    assert published.first().title in client.get("/hoi-dap/tra-cuu/", {"ma": code}).content.decode()
    assert "tach thua" in Question.objects.get(code="HD-7K3M9Q").search_text


def test_loading_the_demo_again_adds_nothing(tmp_path):
    load(tmp_path)
    assert load(tmp_path) == 0
