"""Staff: a unit's staff see and answer only their unit's questions (list, change page, a
forged POST); coordinators see all and assign; lists show waiting days and overdue ones."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from factories import make_question

from questions.models import Question

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:questions_question_changelist"


def change_url(question):
    return reverse("admin:questions_question_change", args=[question.pk])


def form_for(question, **fields):
    data = {
        "field": str(question.field_id),
        "answer": question.answer,
        "decline_reason": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


@pytest.fixture
def two_units_questions(office_of_resources, office_of_works):
    land = make_question(
        status=Question.Status.ASSIGNED, unit=office_of_resources, title="Cấp sổ đỏ lần đầu"
    )
    roads = make_question(
        status=Question.Status.ASSIGNED, unit=office_of_works, title="Sửa đường ngõ 12"
    )
    return land, roads


def test_unit_staff_list_only_their_units_questions(client, resources_staff, two_units_questions):
    client.force_login(resources_staff)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Cấp sổ đỏ lần đầu" in page
    assert "Sửa đường ngõ 12" not in page


def test_another_units_question_cannot_be_opened_or_changed_by_a_forged_post(
    client, resources_staff, two_units_questions
):
    _, roads = two_units_questions
    client.force_login(resources_staff)

    opened = client.get(change_url(roads))
    forged = client.post(
        change_url(roads), form_for(roads, answer="<p>Trả lời giả.</p>", _publish="1")
    )

    # As if it did not exist: the admin sends them back to their own list.
    assert opened.status_code == 302
    assert "Sửa đường ngõ 12" not in client.get(opened.url).content.decode()
    assert forged.status_code == 302
    roads.refresh_from_db()
    assert (roads.answer, roads.status) == ("", Question.Status.ASSIGNED)
    assert mail.outbox == []


def test_unit_staff_cannot_move_a_question_to_another_unit(
    client, resources_staff, two_units_questions, office_of_works
):
    land, _ = two_units_questions
    client.force_login(resources_staff)
    client.post(change_url(land), form_for(land, unit=str(office_of_works.pk), _save="1"))
    land.refresh_from_db()
    assert land.unit.name == "Phòng Tài nguyên và Môi trường"


def test_staff_without_a_unit_see_no_question(client, db, two_units_questions):
    from portal.staff import ANSWERERS

    from .conftest import staff

    newcomer = staff("moivao", ANSWERERS)
    client.force_login(newcomer)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Cấp sổ đỏ lần đầu" not in page and "Sửa đường ngõ 12" not in page


def test_unit_staff_answer_and_publish_and_the_asker_is_mailed(
    client, resources_staff, two_units_questions, django_capture_on_commit_callbacks
):
    land, _ = two_units_questions
    client.force_login(resources_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(land),
            form_for(land, answer="<p>Mang theo <strong>giấy tờ</strong>.</p>", _publish="1"),
        )
    assert response.status_code == 302
    land.refresh_from_db()
    assert land.status == Question.Status.PUBLISHED
    assert land.answered_by == resources_staff
    assert [m.to for m in mail.outbox] == [[land.email]]
    assert "Mang theo" in client.get(land.get_absolute_url()).content.decode()


def test_publishing_without_an_answer_is_refused_with_a_message(
    client, resources_staff, office_of_resources
):
    question = make_question(status=Question.Status.ASSIGNED, unit=office_of_resources)
    client.force_login(resources_staff)
    response = client.post(change_url(question), form_for(question, answer="", _publish="1"))
    assert "Vui lòng viết câu trả lời trước khi công bố." in response.content.decode()
    assert Question.objects.get().status == Question.Status.ASSIGNED


def test_declining_needs_a_reason_and_mails_it(
    client, resources_staff, office_of_resources, django_capture_on_commit_callbacks
):
    question = make_question(status=Question.Status.ASSIGNED, unit=office_of_resources)
    client.force_login(resources_staff)
    page = client.post(change_url(question), form_for(question, _decline="1")).content.decode()
    assert "Vui lòng ghi lý do không trả lời" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            change_url(question),
            form_for(question, decline_reason="Đã có văn bản trả lời riêng.", _decline="1"),
        )
    assert Question.objects.get().status == Question.Status.DECLINED
    assert "Đã có văn bản trả lời riêng." in mail.outbox[0].body


def test_a_coordinator_sees_all_and_assigns_a_new_question(
    client, coordinator, two_units_questions, office_of_works
):
    fresh = make_question(title="Hỏi về lịch thu gom rác")
    client.force_login(coordinator)
    page = client.get(reverse(CHANGELIST)).content.decode()
    for title in ("Cấp sổ đỏ lần đầu", "Sửa đường ngõ 12", "Hỏi về lịch thu gom rác"):
        assert title in page

    client.post(change_url(fresh), form_for(fresh, unit=str(office_of_works.pk), _save="1"))

    fresh.refresh_from_db()
    assert (fresh.unit, fresh.status) == (office_of_works, Question.Status.ASSIGNED)
    assert fresh.assigned_at is not None


def test_the_list_shows_days_waited_and_overdue_questions(client, coordinator, settings):
    settings.QUESTIONS_ANSWER_DAYS = 15
    make_question(title="Câu hỏi cũ", received_at=timezone.now() - timedelta(days=20))
    make_question(title="Câu hỏi mới", received_at=timezone.now() - timedelta(days=2))
    client.force_login(coordinator)

    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "20 ngày" in page and "2 ngày" in page
    assert page.count("quá hạn") >= 1

    overdue = client.get(reverse(CHANGELIST) + "?han=qua-han").content.decode()
    assert "Câu hỏi cũ" in overdue and "Câu hỏi mới" not in overdue


def test_the_admin_home_shows_what_waits_for_each_user_only(
    client, coordinator, resources_staff, works_staff, office_of_resources, settings
):
    settings.QUESTIONS_ANSWER_DAYS = 15
    make_question()  # new, not assigned
    make_question(status=Question.Status.ASSIGNED, unit=office_of_resources)
    make_question(
        status=Question.Status.ASSIGNED,
        unit=office_of_resources,
        received_at=timezone.now() - timedelta(days=30),
    )

    client.force_login(coordinator)
    home = client.get(reverse("admin:index")).content.decode()
    assert "1 câu hỏi mới chờ phân công" in home
    assert "3 câu hỏi chờ trả lời" in home and "1 câu hỏi quá hạn trả lời" in home

    client.force_login(resources_staff)
    home = client.get(reverse("admin:index")).content.decode()
    assert "chờ phân công" not in home
    assert "2 câu hỏi chờ trả lời" in home and "1 câu hỏi quá hạn trả lời" in home

    client.force_login(works_staff)
    home = client.get(reverse("admin:index")).content.decode()
    assert "câu hỏi chờ trả lời" not in home and "quá hạn trả lời" not in home


def test_the_question_admin_speaks_vietnamese(client, coordinator, office_of_resources):
    question = make_question()
    client.force_login(coordinator)
    page = client.get(change_url(question)).content.decode()
    for label in (
        "Câu hỏi của người dân",
        "Đơn vị trả lời",
        "Nội dung trả lời",
        "Lưu và công bố câu trả lời",
    ):
        assert label in page


def test_a_published_question_can_be_taken_down_and_its_answer_corrected(
    client, resources_staff, office_of_resources
):
    question = make_question(
        status=Question.Status.PUBLISHED, unit=office_of_resources, title="Giờ mở cửa nhà văn hóa"
    )
    client.force_login(resources_staff)
    client.post(change_url(question), form_for(question, _unpublish="1"))
    assert Question.objects.get().status == Question.Status.ANSWERED
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 404

    client.force_login(resources_staff)
    client.post(
        change_url(question), form_for(question, answer="<p>Mở cửa từ 7 giờ.</p>", _publish="1")
    )
    client.logout()
    assert "Mở cửa từ 7 giờ." in client.get(question.get_absolute_url()).content.decode()
