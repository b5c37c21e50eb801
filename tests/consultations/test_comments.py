"""Citizens comment on an open draft: open and closed decided at the moment of saving, the
captcha's one try keeps the text, moderation first, limits per address block."""

from datetime import timedelta
from unittest import mock

import pytest
from citizen_forms import comment_url
from citizen_forms import consultation_comment as comment_data
from django.utils import timezone
from factories import make_consultation

from consultations import services
from consultations.models import ConsultationComment

CLOSED = "Đã hết thời gian lấy ý kiến cho dự thảo này nên ý kiến của bạn chưa được gửi."
PENDING = "Cảm ơn bạn, ý kiến của bạn đã được gửi và đang chờ kiểm duyệt trước khi công khai."

pytestmark = pytest.mark.django_db


def post(client, consultation, data, ip="198.51.100.30", **extra):
    return client.post(comment_url(consultation), data, REMOTE_ADDR=ip, **extra)


def saving_at(moment):
    """The service's clock reads ``moment`` when it decides (the form's view does not)."""
    return mock.patch.object(services, "saving_moment", return_value=moment)


def test_a_comment_one_second_before_closing_is_taken(client):
    consultation = make_consultation()
    data = comment_data(client, consultation)

    with saving_at(consultation.closes_at - timedelta(seconds=1)):
        response = post(client, consultation, data)

    assert response.status_code == 302
    assert ConsultationComment.objects.get().text == data["text"]


def test_a_comment_one_second_after_closing_is_refused_and_shown_back(client):
    consultation = make_consultation()
    data = comment_data(client, consultation, text="Ý kiến viết lâu, gửi muộn một giây.")

    with saving_at(consultation.closes_at + timedelta(seconds=1)):
        response = post(client, consultation, data)

    page = response.content.decode()
    assert response.status_code == 410
    assert CLOSED in page
    assert "Ý kiến viết lâu, gửi muộn một giây." in page
    assert "Lê Văn Cường" in page and "0912 345 678" in page
    assert 'name="captcha_0"' not in page
    assert not ConsultationComment.objects.exists()


def test_the_closing_moment_itself_is_closed():
    consultation = make_consultation()
    with saving_at(consultation.closes_at), pytest.raises(services.ConsultationClosed):
        services.post_comment(
            consultation=consultation, ip="198.51.100.1", name="A", contact="0912345678", text="x"
        )
    with (
        saving_at(consultation.opens_at - timedelta(seconds=1)),
        pytest.raises(services.ConsultationClosed),
    ):
        services.post_comment(
            consultation=consultation,
            ip="198.51.100.1",
            name="A",
            contact="0912345678",
            text="x",
        )


def test_a_form_opened_before_staff_closed_the_consultation_keeps_its_text(client):
    consultation = make_consultation()
    data = comment_data(client, consultation, text="Tôi đồng ý với dự thảo.")
    consultation.closes_at = timezone.now() - timedelta(minutes=1)
    consultation.opens_at = timezone.now() - timedelta(days=2)
    consultation.save()

    response = post(client, consultation, data)

    assert response.status_code == 410
    assert "Tôi đồng ý với dự thảo." in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_after_closing_the_page_has_no_form(client):
    consultation = make_consultation(
        opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(days=1)
    )
    page = client.get(comment_url(consultation)).content.decode()
    assert "Đã hết thời gian lấy ý kiến cho dự thảo này." in page
    assert "<form" not in page.split('id="noi-dung"')[1]
    detail = client.get(consultation.get_absolute_url()).content.decode()
    assert "Gửi ý kiến góp ý" not in detail


def test_before_opening_the_page_says_when_it_opens(client):
    consultation = make_consultation(
        opens_at=timezone.now() + timedelta(days=1), closes_at=timezone.now() + timedelta(days=9)
    )
    page = client.get(comment_url(consultation)).content.decode()
    assert "Dự thảo chưa mở lấy ý kiến" in page
    assert 'name="captcha_0"' not in page
    response = post(client, consultation, {"name": "A", "text": "Sớm quá"})
    assert response.status_code == 410 and "Sớm quá" in response.content.decode()


def test_a_wrong_captcha_keeps_every_field(client):
    consultation = make_consultation()
    data = comment_data(client, consultation, captcha_1="00000", text="Nội dung <b>dài</b> ý kiến")

    response = post(client, consultation, data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Mã xác thực không đúng." in page
    assert "Nội dung &lt;b&gt;dài&lt;/b&gt; ý kiến" in page
    assert 'value="Lê Văn Cường"' in page and 'value="0912 345 678"' in page
    assert "Lỗi: " in page.split("<title>")[1]
    assert not ConsultationComment.objects.exists()


def test_a_contact_must_be_an_email_or_a_phone_number(client):
    consultation = make_consultation()
    response = post(client, consultation, comment_data(client, consultation, contact="abc"))
    assert response.status_code == 400
    assert "Vui lòng nhập địa chỉ thư điện tử" in response.content.decode()
    for contact in ("an@example.com", "+84 912 345 678"):
        assert (
            post(
                client, consultation, comment_data(client, consultation, contact=contact)
            ).status_code
            == 302
        )
    assert ConsultationComment.objects.count() == 2


def test_a_comment_is_held_until_approved_and_the_count_shows_every_comment_received(client):
    consultation = make_consultation()
    response = post(client, consultation, comment_data(client, consultation), follow=True)
    page = response.content.decode()
    assert PENDING in page
    assert "Chưa có ý kiến nào được công khai." in page
    assert "<dd data-received-count>1</dd>" in page

    services.moderate(ConsultationComment.objects.all(), ConsultationComment.Status.APPROVED)

    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Đề nghị làm rõ Điều 3 về thời gian thực hiện." in page
    assert "0912 345 678" not in page


def test_spam_is_not_counted_and_a_rejected_comment_stays_counted_but_hidden(client):
    consultation = make_consultation()
    for number in range(3):
        post(client, consultation, comment_data(client, consultation, text=f"Ý kiến {number}"))
    first, second, _third = ConsultationComment.objects.order_by("pk")
    services.moderate(ConsultationComment.objects.filter(pk=first.pk), "spam")
    services.moderate(ConsultationComment.objects.filter(pk=second.pk), "rejected")

    page = client.get(consultation.get_absolute_url()).content.decode()

    assert "<dd data-received-count>2</dd>" in page
    assert "Ý kiến 1" not in page


def test_the_hourly_limit_refuses_the_sixth_comment_and_keeps_its_text(client, settings):
    settings.CONSULTATIONS_COMMENTS_PER_IP_PER_HOUR = 5
    consultation = make_consultation()
    for _number in range(5):
        assert post(client, consultation, comment_data(client, consultation)).status_code == 302

    response = post(client, consultation, comment_data(client, consultation, text="Thứ sáu"))

    assert response.status_code == 429
    page = response.content.decode()
    assert "Bạn đã gửi quá nhiều ý kiến trong một giờ." in page and "Thứ sáu" in page
    assert ConsultationComment.objects.count() == 5
    # Another address is not held back.
    other = "198.51.100.99"
    assert (
        post(
            client, consultation, comment_data(client, consultation, ip=other), ip=other
        ).status_code
        == 302
    )


def test_too_long_a_comment_says_how_long_it_was_and_keeps_it(client, settings):
    settings.CONSULTATIONS_COMMENT_MAX_LENGTH = 5000
    consultation = make_consultation()
    text = "Góp ý về mục 3." * 400
    response = post(client, consultation, comment_data(client, consultation, text=text))
    page = response.content.decode()
    assert response.status_code == 400
    # Figures as the town writes them, and not a word of the comment lost.
    assert "Ý kiến dài tối đa 5.000 ký tự (bạn đã viết 6.000 ký tự)." in page
    assert "Tối đa 5.000 ký tự." in page
    assert text in page


def test_a_robot_filling_the_hidden_field_is_refused(client):
    consultation = make_consultation()
    response = post(
        client, consultation, comment_data(client, consultation, website="spam.example")
    )
    assert response.status_code == 400
    assert not ConsultationComment.objects.exists()
