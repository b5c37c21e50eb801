"""Staff of the consultations group publish drafts and moderate what citizens sent."""

import pytest
from django.urls import reverse
from factories import make_consultation, make_consultation_comment

from consultations.models import ConsultationComment

pytestmark = pytest.mark.django_db


def test_the_admin_home_tells_consultation_staff_what_waits(client, consultation_staff):
    consultation = make_consultation()
    make_consultation_comment(consultation)
    make_consultation_comment(consultation)
    make_consultation_comment(consultation, status="approved")
    client.force_login(consultation_staff)

    page = client.get(reverse("admin:index")).content.decode()

    pending = (
        reverse("admin:consultations_consultationcomment_changelist") + "?status__exact=pending"
    )
    assert f'<a href="{pending}">2 ý kiến góp ý dự thảo chờ duyệt</a>' in page


def test_approving_in_the_admin_publishes_the_comment(
    client, consultation_staff, django_capture_on_commit_callbacks
):
    consultation = make_consultation()
    waiting = make_consultation_comment(consultation, text="Ý kiến chờ duyệt trong quản trị")
    assert (
        "Ý kiến chờ duyệt trong quản trị"
        not in client.get(consultation.get_absolute_url()).content.decode()
    )
    client.force_login(consultation_staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:consultations_consultationcomment_changelist"),
            {"action": "approve", "_selected_action": [waiting.pk]},
        )
    client.logout()

    assert ConsultationComment.objects.get().status == "approved"
    assert (
        "Ý kiến chờ duyệt trong quản trị"
        in client.get(consultation.get_absolute_url()).content.decode()
    )


def test_other_staff_neither_see_nor_moderate_consultation_comments(client, editor):
    make_consultation_comment(make_consultation())
    client.force_login(editor)
    assert (
        "ý kiến góp ý dự thảo chờ duyệt" not in client.get(reverse("admin:index")).content.decode()
    )
    changelist = reverse("admin:consultations_consultationcomment_changelist")
    assert client.get(changelist).status_code == 403


def test_staff_add_a_consultation_with_its_draft_in_the_editor(client, consultation_staff):
    client.force_login(consultation_staff)
    page = client.get(reverse("admin:consultations_consultation_add")).content.decode()
    assert "ckeditor" in page.lower()
