"""The organisation and the contact inbox in the admin: in Vietnamese, units with their people
inline, English beside Vietnamese, the office group's rights, new messages on the admin home."""

import pytest
from django.urls import reverse
from factories import image_upload, make_staff, make_unit

from contact.models import ContactMessage
from organisation.models import Person
from portal.staff import OFFICE

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_client(client, db):
    user = make_staff("vanphong", OFFICE)
    client.force_login(user)
    return client


def test_unit_form_is_vietnamese_with_english_fields_beside_and_people_inline(office_client):
    html = office_client.get(reverse("admin:organisation_unit_add")).content.decode()
    for label in (
        "Tên đơn vị",
        "Tên đơn vị (tiếng Anh)",
        "Chức năng, nhiệm vụ (tiếng Anh)",
        "Hiện ở trang Liên hệ",
        "Cán bộ",
        "Chức vụ (tiếng Anh)",
        "Người phát ngôn",
    ):
        assert label in html, label
    # Each Vietnamese field shares one row of the form with its English one.
    for row in (
        "field-name field-name_en",
        "field-functions field-functions_en",
        "field-address field-address_en",
        "field-position field-position_en",
    ):
        assert f'<div class="form-row {row}"' in html, row


def test_office_adds_a_unit_with_a_person_and_photo(office_client):
    data = {
        "name": "Phòng Nội vụ",
        "name_en": "Home Affairs Office",
        "slug": "phong-noi-vu",
        "kind": "office",
        "order": "3",
        "functions": "",
        "functions_en": "",
        "address": "",
        "address_en": "",
        "phone": "0239 3831 270",
        "email": "",
        "people-TOTAL_FORMS": "1",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "1000",
        "people-0-name": "Trịnh Văn Hùng",
        "people-0-order": "1",
        "people-0-position": "Trưởng phòng",
        "people-0-position_en": "Head of Office",
        "people-0-phone": "0912 000 111",
        "people-0-email": "tvhung@example.vn",
        "people-0-is_leadership": "on",
        "people-0-photo": image_upload("hung.jpg", fmt="JPEG", size=(600, 800)),
    }
    response = office_client.post(reverse("admin:organisation_unit_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get()
    assert (person.unit.slug, person.position_en, person.is_leadership) == (
        "phong-noi-vu",
        "Head of Office",
        True,
    )
    assert person.photo_small
    assert "trinh van hung" in person.search_text


def test_new_contact_messages_wait_on_the_admin_home_for_the_office(office_client):
    ContactMessage.objects.create(
        reference="LH-ABCDEF",
        name="Dân",
        email="d@example.org",
        subject="Hỏi",
        message="?",
        ip="198.51.100.1",
    )
    ContactMessage.objects.create(
        reference="LH-BCDEFG",
        name="Dân",
        email="d@example.org",
        subject="Hỏi",
        message="?",
        ip="198.51.100.1",
        status=ContactMessage.Status.ANSWERED,
    )
    home = office_client.get(reverse("admin:index")).content.decode()
    assert "1 thư liên hệ mới" in home
    assert "status__exact=new" in home


def test_editors_do_not_see_the_inbox(editor_client):
    ContactMessage.objects.create(
        reference="LH-ABCDEF", name="Dân", subject="Hỏi", message="?", ip="198.51.100.1"
    )
    assert "thư liên hệ mới" not in editor_client.get(reverse("admin:index")).content.decode()
    url = reverse("admin:contact_contactmessage_changelist")
    assert editor_client.get(url).status_code == 403


def test_staff_handle_a_message_status_assignee_and_notes_in_vietnamese(
    office_client, django_user_model
):
    message = ContactMessage.objects.create(
        reference="LH-ABCDEF",
        name="Trần Bình",
        email="b@example.org",
        subject="Đèn đường",
        message="Đèn hỏng.",
        ip="198.51.100.1",
    )
    url = reverse("admin:contact_contactmessage_change", args=[message.pk])
    html = office_client.get(url).content.decode()
    for label in ("Mã tra cứu", "Trạng thái", "Cán bộ xử lý", "Ghi chú nội bộ", "Đang xử lý"):
        assert label in html, label
    staff = django_user_model.objects.get(username="vanphong")
    response = office_client.post(
        url, {"status": "in_progress", "assigned_to": staff.pk, "notes": "Đã báo điện lực."}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.assigned_to, message.notes) == (
        "in_progress",
        staff,
        "Đã báo điện lực.",
    )
    # What the citizen wrote is not editable.
    assert message.message == "Đèn hỏng."
    assert office_client.get(reverse("admin:contact_contactmessage_add")).status_code == 403


def test_introduction_form_has_both_languages(office_client):
    html = office_client.get(reverse("admin:organisation_introduction_add")).content.decode()
    assert "Nội dung (tiếng Anh)" in html and "Tiêu đề (tiếng Anh)" in html


def test_unit_list_is_in_vietnamese(office_client):
    make_unit(name="Phòng Y tế")
    html = office_client.get(reverse("admin:organisation_unit_changelist")).content.decode()
    assert "Phòng Y tế" in html and "Chọn đơn vị để thay đổi" in html
