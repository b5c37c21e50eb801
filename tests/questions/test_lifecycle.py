"""A question's life: sent with a tracking code and a confirmation, assigned, answered,
published (the asker told where to read it) or declined (the asker told why)."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from factories import make_question

from questions import services
from questions.models import CODE_ALPHABET, Question

from .conftest import question_data

pytestmark = pytest.mark.django_db

CODE = re.compile(r"HD-[" + CODE_ALPHABET + r"]{6}")


def test_a_citizen_gets_a_code_at_once_and_a_confirmation_mail_with_it(
    ask, land, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(question_data(land))

    assert response.status_code == 200
    page = response.content.decode()
    question = Question.objects.get()
    assert question.code in page and CODE.fullmatch(question.code)
    assert question.status == Question.Status.RECEIVED
    assert (question.name, question.email, question.ward_text) == (
        "Lê Văn Tám",
        "letam@example.org",
        "Tổ dân phố 3",
    )
    assert [m.to for m in mail.outbox] == [["letam@example.org"]]
    assert question.code in mail.outbox[0].subject
    assert f"/hoi-dap/tra-cuu/?ma={question.code}" in mail.outbox[0].body


def test_a_citizen_who_gave_only_a_phone_gets_the_code_but_no_mail(
    ask, land, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(question_data(land, email="", phone="0912 345 678"))

    assert Question.objects.get().code in response.content.decode()
    assert mail.outbox == []


def test_codes_are_different_for_every_question():
    codes = {make_question().code for _ in range(30)}
    assert len(codes) == 30
    assert all(CODE.fullmatch(code) for code in codes)


def test_assigned_answered_and_published_the_asker_is_mailed_the_link(
    office_of_resources, django_capture_on_commit_callbacks, editor
):
    question = make_question(email="hoi@example.org")
    services.assign_question(question_id=question.pk, unit=office_of_resources)
    services.save_answer(question_id=question.pk, answer="<p>Được phép.</p>", by=editor)
    assert Question.objects.get().status == Question.Status.ANSWERED

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_question(question_id=question.pk)

    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED
    assert question.published_at and question.unit == office_of_resources
    assert question.answered_by == editor
    [notice] = mail.outbox
    assert notice.to == ["hoi@example.org"]
    assert f"/hoi-dap/{question.pk}/" in notice.body
    with pytest.raises(services.TransitionRefused):
        services.publish_question(question_id=question.pk)


def test_a_declined_question_tells_the_asker_why_and_can_no_longer_be_answered(
    django_capture_on_commit_callbacks, editor
):
    question = make_question(email="hoi@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.decline_question(
            question_id=question.pk, reason="Nội dung không thuộc thẩm quyền của thị xã."
        )

    question.refresh_from_db()
    assert question.status == Question.Status.DECLINED
    [notice] = mail.outbox
    assert "Nội dung không thuộc thẩm quyền của thị xã." in notice.body
    with pytest.raises(services.TransitionRefused):
        services.save_answer(question_id=question.pk, answer="<p>Muộn.</p>", by=editor)
    with pytest.raises(services.TransitionRefused):
        services.publish_question(question_id=question.pk)


def test_a_question_is_not_declined_without_a_reason():
    question = make_question()
    with pytest.raises(ValueError):
        services.decline_question(question_id=question.pk, reason="  ")
    assert Question.objects.get().status == Question.Status.RECEIVED


def test_the_answer_is_sanitised_like_an_article_body(editor):
    question = make_question()
    services.save_answer(
        question_id=question.pk,
        answer='<p onclick="x()">Trả lời</p><script>alert(1)</script>',
        by=editor,
    )
    assert Question.objects.get().answer == "<p>Trả lời</p>"


def test_publishing_shows_the_question_on_the_cached_list_at_once(client, editor):
    question = make_question(status=Question.Status.ANSWERED, title="Giờ làm việc bộ phận một cửa")
    listing = reverse("questions:list")
    assert "Giờ làm việc bộ phận một cửa" not in client.get(listing).content.decode()
    assert client.get(question.get_absolute_url()).status_code == 404

    services.publish_question(question_id=question.pk)

    assert "Giờ làm việc bộ phận một cửa" in client.get(listing).content.decode()
    assert client.get(question.get_absolute_url()).status_code == 200

    services.unpublish_question(question_id=question.pk)
    assert "Giờ làm việc bộ phận một cửa" not in client.get(listing).content.decode()


def test_a_citizen_sending_a_question_does_not_refresh_cached_pages(ask, land, client):
    make_question(status=Question.Status.PUBLISHED, title="Câu hỏi đã công bố")
    listing = reverse("questions:list")
    client.get(listing)
    assert client.get(listing)["X-Page-Cache"] == "hit"

    ask(question_data(land))
    client.cookies.clear()

    assert client.get(listing)["X-Page-Cache"] == "hit"


def test_a_code_drawn_twice_is_drawn_again(monkeypatch, land):
    taken = make_question().code
    draws = iter([taken, "HD-22222A"])
    monkeypatch.setattr(services, "new_code", lambda: next(draws))

    question = services.submit_question(
        ip="198.51.100.9", name="An", email="", field=land, title="Hỏi", text="Nội dung."
    )

    assert question.code == "HD-22222A"
    assert Question.objects.count() == 2
