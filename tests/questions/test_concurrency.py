"""Many citizens and staff at the same moment on PostgreSQL: the daily limit holds exactly, and a
question is published (and its asker mailed) once however many staff press the button."""

import pytest
from django.core import mail
from django.db import connection
from factories import make_question, make_question_field
from threads import run_at_once

from questions import services
from questions.models import Question

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


@pytest.mark.django_db(transaction=True)
def test_twenty_questions_sent_at_once_from_one_address_block_stop_at_the_limit(settings):
    settings.QUESTIONS_PER_ADDRESS_BLOCK_PER_DAY = 5
    field = make_question_field()

    def ask(number):
        try:
            services.submit_question(
                # One IPv6 /64: each thread a different address of the same subscriber.
                ip=f"2001:db8:1:2::{number + 1:x}",
                name=f"Người hỏi {number}",
                email=f"hoi{number}@example.org",
                field=field,
                title=f"Câu hỏi {number}",
                text="Nội dung.",
            )
        except services.QuestionLimitReached:
            return False
        return True

    results = run_at_once(20, ask)

    assert results.count(True) == 5
    assert Question.objects.count() == 5
    # Every stored question was confirmed, and none of the refused ones.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        Question.objects.values_list("email", flat=True)
    )


@pytest.mark.django_db(transaction=True)
def test_other_address_blocks_are_not_held_back_by_a_busy_one(settings):
    settings.QUESTIONS_PER_ADDRESS_BLOCK_PER_DAY = 1
    field = make_question_field()

    def ask(number):
        services.submit_question(
            ip=f"198.51.100.{number + 1}", name="An", field=field, title="Hỏi", text="Nội dung."
        )

    run_at_once(20, ask)

    assert Question.objects.count() == 20
    assert len(set(Question.objects.values_list("code", flat=True))) == 20


@pytest.mark.django_db(transaction=True)
def test_ten_staff_publishing_one_answer_at_once_publish_and_mail_it_once():
    question = make_question(status=Question.Status.ANSWERED, email="hoi@example.org")

    def publish(number):
        try:
            services.publish_question(question_id=question.pk)
        except services.TransitionRefused:
            return False
        return True

    results = run_at_once(10, publish)

    assert results.count(True) == 1
    assert [m.to for m in mail.outbox] == [["hoi@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_publishing_and_declining_at_once_leave_one_outcome_and_one_mail():
    question = make_question(status=Question.Status.ANSWERED, email="hoi@example.org")

    def act(number):
        try:
            if number % 2:
                services.publish_question(question_id=question.pk)
            else:
                services.decline_question(question_id=question.pk, reason="Trùng câu hỏi khác.")
        except services.TransitionRefused:
            return None
        return "published" if number % 2 else "declined"

    outcomes = [outcome for outcome in run_at_once(8, act) if outcome]

    assert len(outcomes) == 1
    assert Question.objects.get().status == outcomes[0]
    assert len(mail.outbox) == 1
