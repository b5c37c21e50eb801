"""Following a question by its code: its status and dates, never who asked or how to reach
them; wrong codes are limited per address block, and no page is cached per code."""

import pytest
from django.urls import reverse
from factories import make_question

from questions import services
from questions.models import Question

pytestmark = pytest.mark.django_db

LOOKUP = "/hoi-dap/tra-cuu/"


def look_up(client, code, ip="198.51.100.40"):
    return client.get(LOOKUP, {"ma": code}, REMOTE_ADDR=ip)


def private_details(question):
    return [question.name, question.email, question.phone, "example.org"]


@pytest.mark.parametrize(
    "status",
    ["received", "assigned", "answered", "published", "declined"],
)
def test_each_status_shows_with_the_title_and_dates_but_no_contact_details(client, status):
    fields = {"decline_reason": "Không thuộc thẩm quyền."} if status == "declined" else {}
    question = make_question(
        status=status, title="Đèn đường tổ 5 không sáng", ward_text="Tổ 5", **fields
    )
    if status == "declined":
        Question.objects.filter(pk=question.pk).update(declined_at=question.received_at)

    page = look_up(client, question.code).content.decode()

    assert "Đèn đường tổ 5 không sáng" in page
    assert question.get_status_display() in page
    for detail in private_details(question) + ["Tổ 5"]:
        assert detail not in page
    if status in ("assigned", "answered", "published"):
        assert question.unit.name in page
    if status == "published":
        assert question.get_absolute_url() in page
    if status == "declined":
        assert "Không thuộc thẩm quyền." in page


def test_a_code_is_found_however_the_reader_types_it(client):
    question = make_question()
    letters = question.code[3:]
    for typed in (question.code.lower(), f" {letters} ", f"hd {letters[:3]} {letters[3:]}"):
        assert question.title in look_up(client, typed).content.decode()


def test_an_unknown_code_says_so_in_vietnamese(client):
    make_question()
    page = look_up(client, "HD-ZZZZZZ").content.decode()
    assert "Không tìm thấy câu hỏi nào có mã này." in page


def test_the_lookup_is_never_cached_nor_indexed_and_keeps_the_code_from_referers(client):
    question = make_question()
    first = look_up(client, question.code)
    second = look_up(client, question.code)

    for response in (first, second):
        assert "X-Page-Cache" not in response
        assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "no-referrer"
        assert "noindex" in response["X-Robots-Tag"]


def test_status_changes_show_at_once(client, office_of_resources):
    question = make_question()
    assert "Đã tiếp nhận" in look_up(client, question.code).content.decode()
    services.assign_question(question_id=question.pk, unit=office_of_resources)
    page = look_up(client, question.code).content.decode()
    assert "Đã chuyển đơn vị trả lời" in page and "Phòng Tài nguyên và Môi trường" in page


def test_wrong_codes_are_limited_per_address_block_even_for_a_right_one_after(client, settings):
    settings.QUESTIONS_WRONG_CODES_PER_HOUR = 3
    question = make_question()
    for attempt in ("HD-222222", "HD-333333", "HD-444444"):
        assert look_up(client, attempt, ip="2001:db8:9::1").status_code == 200

    refused = look_up(client, question.code, ip="2001:db8:9::2")

    assert refused.status_code == 429
    page = refused.content.decode()
    assert "quá nhiều lần" in page and question.title not in page
    # Another reader is not held back.
    assert question.title in look_up(client, question.code, ip="2001:db8:10::1").content.decode()


def test_right_codes_do_not_count_against_the_reader(client, settings):
    settings.QUESTIONS_WRONG_CODES_PER_HOUR = 2
    question = make_question()
    for _ in range(5):
        assert question.title in look_up(client, question.code).content.decode()


def test_the_empty_form_explains_the_code(client):
    page = client.get(reverse("questions:lookup")).content.decode()
    assert "Mã tra cứu" in page and "HD-7K3M9Q" in page
