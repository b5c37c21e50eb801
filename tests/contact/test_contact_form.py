"""The contact page as a citizen uses it: the town's addresses, a form that keeps what was
typed, a reference code, e-mails to the town and to the citizen that a failed send never loses,
the hourly limit, attachments checked by content and kept away from public addresses."""

import re
from pathlib import Path

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from django.urls import reverse
from factories import document_upload, make_unit
from mailer.models import PRIORITY_DEFERRED, Message

from contact.models import REFERENCE_ALPHABET, ContactMessage
from organisation.models import Unit

pytestmark = pytest.mark.django_db

FAILING = "faultviews.UnreachableMailServer"
CITIZEN_IP = "198.51.100.40"


@pytest.fixture(autouse=True)
def _contact_settings(settings):
    settings.CONTACT_EMAIL = "vanphong@honglinh.example.vn"
    settings.CONTACT_MESSAGES_PER_IP_PER_HOUR = 3


def captcha_key(html):
    return re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)


def open_form(client, ip=CITIZEN_IP):
    response = client.get(reverse("contact:form"), REMOTE_ADDR=ip)
    assert response.status_code == 200
    return response.content.decode()


def filled(html, *, right_captcha=True, **fields):
    key = captcha_key(html)
    answer = CaptchaStore.objects.get(hashkey=key).response
    data = {
        "name": "Trần Thị Bình",
        "email": "binh@example.org",
        "phone": "",
        "subject": "Đèn đường hỏng ở khu phố 4",
        "message": "Đèn đường trước nhà số 12 đã tắt một tuần.",
        "website": "",
        "captcha_0": key,
        "captcha_1": answer if right_captcha else str((int(answer) + 1) % 100000).zfill(5),
    }
    data.update(fields)
    return data


def send(client, data, ip=CITIZEN_IP, **extra):
    return client.post(reverse("contact:form"), data, REMOTE_ADDR=ip, **extra)


def test_contact_page_lists_the_chosen_units_addresses(client):
    make_unit(
        name="Ủy ban nhân dân thị xã",
        slug="ubnd",
        kind=Unit.Kind.COMMITTEE,
        address="Số 1 đường Trần Phú",
        phone="0239 3831 234",
    )
    make_unit(
        name="Văn phòng HĐND và UBND",
        slug="van-phong",
        show_on_contact=True,
        address="Số 1 đường Trần Phú, tầng 2",
        phone="0239 3831 235",
    )
    html = open_form(client)
    assert "Văn phòng HĐND và UBND" in html and 'href="tel:02393831235"' in html
    # Units are chosen: the committee shows only when none is.
    assert "Ủy ban nhân dân thị xã" not in html.split('id="gui-thu-tieu-de"')[0].split("<h1>")[1]


def test_without_chosen_units_the_committees_address_is_shown(client):
    make_unit(
        name="Ủy ban nhân dân thị xã",
        slug="ubnd",
        kind=Unit.Kind.COMMITTEE,
        address="Số 1 đường Trần Phú",
    )
    assert "Số 1 đường Trần Phú" in open_form(client)


def test_the_form_page_is_never_cached_and_each_reader_gets_a_new_captcha(client):
    first = client.get(reverse("contact:form"))
    second = client.get(reverse("contact:form"))
    assert "no-cache" in first["Cache-Control"] or "max-age=0" in first["Cache-Control"]
    assert "X-Page-Cache" not in first
    assert captcha_key(first.content.decode()) != captcha_key(second.content.decode())


def test_success_gives_a_reference_code_and_sends_both_emails(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, filled(open_form(client)))
    assert response.status_code == 302
    result = client.get(response["Location"]).content.decode()
    received = ContactMessage.objects.get()
    assert re.fullmatch(rf"LH-[{REFERENCE_ALPHABET}]{{6}}", received.reference)
    assert received.reference in result
    assert "Mã tra cứu của thư" in result
    assert (received.name, received.subject, received.status) == (
        "Trần Thị Bình",
        "Đèn đường hỏng ở khu phố 4",
        ContactMessage.Status.NEW,
    )
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    staff = by_recipient[("vanphong@honglinh.example.vn",)]
    assert received.reference in staff.subject
    assert "Đèn đường trước nhà số 12 đã tắt một tuần." in staff.body
    confirmation = by_recipient[("binh@example.org",)]
    assert received.reference in confirmation.subject and received.reference in confirmation.body


def test_a_phone_alone_is_enough_and_no_confirmation_is_mailed(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, filled(open_form(client), email="", phone="0912 345 678"))
    assert response.status_code == 302
    assert ContactMessage.objects.get().phone == "0912 345 678"
    assert [m.to for m in mail.outbox] == [["vanphong@honglinh.example.vn"]]


def test_neither_email_nor_phone_is_refused_with_a_message_and_keeps_the_text(client):
    response = send(client, filled(open_form(client), email="", phone=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vui lòng nhập thư điện tử hoặc số điện thoại để chúng tôi trả lời bạn." in html
    assert "Đèn đường trước nhà số 12 đã tắt một tuần." in html
    assert not ContactMessage.objects.exists()


def test_wrong_captcha_keeps_every_field_and_gives_a_new_captcha(client):
    html = open_form(client)
    data = filled(html, right_captcha=False, phone="0912 345 678")
    response = send(client, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Mã xác thực không đúng." in page
    for field in ("name", "email", "phone", "subject"):
        assert f'value="{data[field]}"' in page, field
    assert data["message"] in page
    assert captcha_key(page) != data["captcha_0"]
    assert not ContactMessage.objects.exists()
    # The spent key cannot be tried again, even with the right answer.
    assert not CaptchaStore.objects.filter(hashkey=data["captcha_0"]).exists()


def test_each_bad_field_gets_its_own_vietnamese_message(client):
    response = send(
        client,
        filled(
            open_form(client),
            name="  ",
            email="khong-phai-thu",
            phone="abc",
            subject="",
            message="",
        ),
    )
    html = response.content.decode()
    for message in (
        "Vui lòng nhập họ và tên.",
        "Địa chỉ thư điện tử không hợp lệ",
        "Số điện thoại không hợp lệ",
        "Vui lòng nhập tiêu đề thư.",
        "Vui lòng nhập nội dung thư.",
    ):
        assert message in html
    assert 'value="khong-phai-thu"' in html and 'value="abc"' in html
    # The error summary links to each field.
    assert 'href="#id_name"' in html and 'href="#id_subject"' in html


def test_a_valid_attachment_is_kept_privately_and_downloaded_by_staff_only(
    client, django_user_model, settings
):
    data = filled(open_form(client), attachment=document_upload("don-kien-nghi.pdf"))
    assert send(client, data).status_code == 302
    received = ContactMessage.objects.get()
    assert received.attachment_name == "don-kien-nghi.pdf"
    assert received.attachment.name.endswith(".pdf")
    # In the private folder, not under the public media folder the web server serves.
    private = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    assert (private / received.attachment.name).is_file()
    assert not settings.MEDIA_ROOT.exists() or not list(settings.MEDIA_ROOT.rglob("*.pdf"))
    download = reverse("admin:contact_contactmessage_attachment", args=[received.pk])
    client.logout()
    assert client.get(download).status_code == 302  # to the login page
    outsider = django_user_model.objects.create_user("ai-do", password="x", is_staff=True)
    client.force_login(outsider)
    assert client.get(download).status_code == 403
    office = django_user_model.objects.create_user("vanphong", password="x", is_staff=True)
    from django.contrib.auth.models import Group

    from portal.staff import OFFICE

    office.groups.add(Group.objects.get(name=OFFICE))
    client.force_login(office)
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith("attachment")


def test_an_attachment_that_is_not_a_document_is_refused_by_content(client):
    fake = document_upload("bien-ban.pdf", content=b"<script>alert(1)</script>")
    response = send(client, filled(open_form(client), attachment=fake))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nội dung tệp không phải là văn bản hợp lệ" in html
    assert "Vui lòng chọn lại tệp đính kèm" in html
    assert "Đèn đường trước nhà số 12 đã tắt một tuần." in html
    assert not ContactMessage.objects.exists()


def test_after_another_error_the_reader_is_told_to_choose_the_file_again(client):
    data = filled(open_form(client), right_captcha=False, attachment=document_upload())
    html = send(client, data).content.decode()
    assert "Mã xác thực không đúng." in html
    assert "Vui lòng chọn lại tệp đính kèm" in html


def test_a_failed_send_keeps_the_message_and_its_mail(
    client, settings, django_capture_on_commit_callbacks
):
    settings.MAILER_EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, filled(open_form(client)))
    assert response.status_code == 302
    received = ContactMessage.objects.get()
    assert received.reference in client.get(response["Location"]).content.decode()
    kept = Message.objects.all()
    assert kept.count() == 2
    assert all(message.priority == PRIORITY_DEFERRED for message in kept)
    # Sent once the mail server is back.
    from django.core.management import call_command

    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("retry_deferred")
    call_command("send_mail")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "binh@example.org",
        "vanphong@honglinh.example.vn",
    ]


def test_the_hourly_limit_per_address_block_holds(client):
    for _ in range(3):
        assert send(client, filled(open_form(client))).status_code == 302
    response = send(client, filled(open_form(client)))
    assert response.status_code == 429
    assert "Bạn đã gửi quá nhiều thư trong một giờ." in response.content.decode()
    assert ContactMessage.objects.count() == 3
    # Another reader is not held back.
    other = "203.0.113.9"
    assert send(client, filled(open_form(client, ip=other)), ip=other).status_code == 302


def test_the_result_page_needs_a_message_sent_in_this_session(client):
    response = client.get(reverse("contact:sent"))
    assert response.status_code == 302 and response["Location"] == reverse("contact:form")


def test_the_honeypot_refuses_robots(client):
    response = send(client, filled(open_form(client), website="http://spam.example"))
    assert response.status_code == 400
    assert not ContactMessage.objects.exists()
