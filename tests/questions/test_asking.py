"""The question form: a Vietnamese message per field, nothing typed lost, one try per captcha,
files checked by their content, and a daily limit per address block."""

import re

import pytest
from captcha.models import CaptchaStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories import document_upload, image_upload

from questions.models import Question

from .conftest import captcha_key, question_data

pytestmark = pytest.mark.django_db


def test_the_form_page_is_never_cached_and_carries_a_new_captcha_each_time(client, land):
    first = client.get(reverse("questions:ask"))
    second = client.get(reverse("questions:ask"))

    assert "no-store" in first["Cache-Control"] or "max-age=0" in first["Cache-Control"]
    assert "X-Page-Cache" not in first
    assert captcha_key(first.content.decode()) != captcha_key(second.content.decode())
    assert CaptchaStore.objects.count() == 2


def test_a_wrong_captcha_keeps_every_field_and_shows_a_new_captcha(ask, land, east_ward):
    data = question_data(land, ward=str(east_ward.pk), name_shown="full", phone="0912 345 678")
    del data["ward_text"]

    response = ask(data, right_captcha=False)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Mã xác thực không đúng." in page
    assert not Question.objects.exists()
    for value in ("Lê Văn Tám", "letam@example.org", "0912 345 678", "Thủ tục tách thửa đất ở"):
        assert f'value="{value}"' in page
    assert "Gia đình tôi muốn tách thửa đất ở.\nCần những giấy tờ gì?</textarea>" in page
    assert f'<option value="{east_ward.pk}" selected>' in page
    assert f'<option value="{land.pk}" selected>' in page
    assert re.search(r'<input[^>]*value="full"[^>]*checked', page)
    # The spent key is gone and a new one waits, with an empty answer box.
    assert CaptchaStore.objects.count() == 1
    assert not re.search(r'name="captcha_1"[^>]*value="[^"]', page)
    assert CaptchaStore.objects.get().hashkey == captcha_key(page)


def test_each_missing_field_gets_its_own_vietnamese_message(ask, land):
    response = ask(question_data(land, name="", email="", phone="", title="", text="", field=""))

    page = response.content.decode()
    for message in (
        "Vui lòng nhập họ và tên.",
        "Vui lòng ghi thư điện tử hoặc số điện thoại để chúng tôi liên hệ khi cần.",
        "Vui lòng chọn lĩnh vực của câu hỏi.",
        "Vui lòng nhập tiêu đề câu hỏi.",
        "Vui lòng nhập nội dung câu hỏi.",
    ):
        assert message in page
    assert "Chưa gửi được: vui lòng sửa 5 lỗi sau" in page
    assert not Question.objects.exists()


def test_a_bad_phone_or_email_is_told_in_vietnamese(ask, land):
    page = ask(question_data(land, email="khong-phai-thu", phone="abc")).content.decode()
    assert "Địa chỉ thư điện tử không hợp lệ." in page
    assert "Số điện thoại không hợp lệ" in page


def test_invisible_characters_are_dropped_from_what_a_citizen_types(ask, land):
    ask(question_data(land, name="Lê Văn\u202e Tám", title="\u200bThủ tục"))
    question = Question.objects.get()
    assert (question.name, question.title) == ("Lê Văn Tám", "Thủ tục")


def test_a_pdf_is_kept_and_an_image_is_stored_without_its_metadata(ask, land):
    ask(question_data(land), files={"attachment": document_upload("don.pdf")})
    ask(
        question_data(land, title="Ảnh hiện trạng"),
        files={"attachment": image_upload("anh.jpg", "JPEG")},
    )
    pdf, image = Question.objects.order_by("pk")
    assert pdf.attachment.name.endswith(".pdf")
    assert image.attachment.name.endswith(".jpg")


def test_a_page_renamed_as_a_pdf_is_refused_and_the_text_kept(ask, land):
    fake = SimpleUploadedFile(
        "don.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
    )

    page = ask(question_data(land), files={"attachment": fake}).content.decode()

    assert "Tệp đính kèm phải là ảnh" in page
    assert "Thủ tục tách thửa đất ở" in page
    assert not Question.objects.exists()


def test_a_robot_filling_the_hidden_box_is_refused(ask, land):
    page = ask(question_data(land, website="http://spam.example")).content.decode()
    assert "ô “Để trống ô này” phải để trống" in page
    assert not Question.objects.exists()


def test_an_address_block_sends_its_daily_questions_then_is_told_to_wait(ask, land, settings):
    settings.QUESTIONS_PER_ADDRESS_BLOCK_PER_DAY = 2
    statuses = [ask(question_data(land), ip="2001:db8:5::1").status_code for _ in range(2)]
    refused = ask(question_data(land, title="Câu thứ ba"), ip="2001:db8:5::99")
    other = ask(question_data(land), ip="2001:db8:6::1")

    assert statuses == [200, 200]
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "quá nhiều câu hỏi trong một ngày" in page
    assert "Câu thứ ba" in page
    assert other.status_code == 200
    assert Question.objects.count() == 3


def test_without_wards_in_the_directory_the_asker_writes_where_they_live(client, land):
    page = client.get(reverse("questions:ask")).content.decode()
    assert 'name="ward_text"' in page and 'name="ward"' not in page


def test_with_wards_in_the_directory_the_asker_chooses_one(client, land, east_ward):
    page = client.get(reverse("questions:ask")).content.decode()
    assert 'name="ward"' in page and "Phường Đông Hòa" in page
    assert 'name="ward_text"' not in page
