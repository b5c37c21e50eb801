"""An asker's attachment is private: kept where no public address reaches it, and downloaded
through the admin only by staff who may see the question."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse
from factories import document_upload, image_upload, models_at

from questions.models import Question

from .conftest import question_data

pytestmark = pytest.mark.django_db


def public_address(name):
    return settings.MEDIA_URL + name


@pytest.mark.urls("media_urls")
def test_the_public_media_address_of_an_attachment_serves_nothing(client, ask, land):
    ask(question_data(land), files={"attachment": document_upload("don.pdf")})
    question = Question.objects.get()
    name = question.attachment.name

    assert client.get(public_address(name)).status_code == 404
    assert client.get(question.attachment.url).status_code == 404
    # Kept in the private folder, not under the public media folder the web server serves.
    assert (Path(settings.STORAGES["private"]["OPTIONS"]["location"]) / name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / name).exists()


@pytest.mark.urls("media_urls")
def test_a_file_in_public_media_is_served_at_its_address(client):
    # What the test above would meet if the attachment were stored in public media.
    public = Path(settings.MEDIA_ROOT) / "hoi-dap" / "don.pdf"
    public.parent.mkdir(parents=True)
    public.write_bytes(b"%PDF-1.4")
    assert client.get(public_address("hoi-dap/don.pdf")).status_code == 200


def test_staff_of_the_questions_unit_download_it_and_others_do_not(
    client, ask, land, office_of_resources, resources_staff, works_staff
):
    ask(question_data(land), files={"attachment": image_upload("anh.jpg", "JPEG")})
    question = Question.objects.get()
    Question.objects.filter(pk=question.pk).update(unit=office_of_resources)
    download = reverse("admin:questions_question_attachment", args=[question.pk])

    assert client.get(download).status_code == 302  # to the login page
    client.force_login(works_staff)
    assert client.get(download).status_code == 404  # another unit's question
    client.force_login(resources_staff)
    page = client.get(reverse("admin:questions_question_change", args=[question.pk]))
    assert f'href="{download}"' in page.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == f'attachment; filename="{question.code}.jpg"'
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_moves_attachments_already_stored_out_of_public_media():
    old = models_at([("questions", "0001_initial")])
    field = old.get_model("questions", "Field").objects.create(name="Đất đai", slug="dat-dai")
    public = storages["default"]
    stored = public.save("hoi-dap/document/don.pdf", ContentFile(b"%PDF-1.4 don"))
    old.get_model("questions", "Question").objects.create(
        code="HD-CU1234", code_digest="a" * 64, name="Người hỏi cũ", field=field,
        title="Câu hỏi cũ", text="Nội dung.", attachment=stored,
    )  # fmt: skip

    models_at([("questions", "0002_private_attachments")])

    question = Question.objects.get()
    assert not public.exists(stored)
    with question.attachment.open("rb") as moved:
        assert moved.read() == b"%PDF-1.4 don"
    assert storages["private"].exists(question.attachment.name)
