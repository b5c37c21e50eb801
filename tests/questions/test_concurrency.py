"""Many citizens and staff at the same moment on PostgreSQL: the daily limit holds exactly, and a
question is published (and its asker mailed) once however many staff press the button."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from captcha.models import CaptchaStore
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


@pytest.mark.django_db(transaction=True)
def test_citizens_posting_the_form_at_once_over_http_stop_exactly_at_the_limit(
    live_server, settings
):
    settings.QUESTIONS_PER_ADDRESS_BLOCK_PER_DAY = 3
    settings.CAPTCHAS_PER_ADDRESS_BLOCK_PER_MINUTE = 100
    field = make_question_field()
    ask_url = f"{live_server.url}/hoi-dap/gui-cau-hoi/"

    def open_form(number):
        # Each citizen is their own browser: cookies, CSRF token and a captcha of their own.
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        with opener.open(ask_url) as response:
            html = response.read().decode()
        key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', html)[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        form = {
            "csrfmiddlewaretoken": token,
            "name": f"Người hỏi {number}",
            "name_shown": "initials",
            "email": f"hoi{number}@example.org",
            "phone": "",
            "ward_text": "Tổ 1",
            "field": str(field.pk),
            "title": f"Câu hỏi {number}",
            "text": "Nội dung câu hỏi.",
            "website": "",
            "captcha_0": key,
            "captcha_1": CaptchaStore.objects.get(hashkey=key).response,
        }
        return opener, form

    citizens = [open_form(number) for number in range(10)]

    def send(number):
        opener, form = citizens[number]
        request = urllib.request.Request(  # noqa: S310 - the live server's http URL
            ask_url, data=urllib.parse.urlencode(form).encode()
        )
        try:
            with opener.open(request) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    statuses = run_at_once(10, send)

    assert sorted(statuses) == [200] * 3 + [429] * 7
    assert Question.objects.count() == 3
