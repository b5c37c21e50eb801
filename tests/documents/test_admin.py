"""Clerks (Văn thư) manage documents, their files and relations in the admin, and only those."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories import make_article, make_document, pdf_bytes

from documents.models import Document, DocumentType, IssuingBody

pytestmark = pytest.mark.django_db

ADD = reverse("admin:documents_document_add")


def form_data(**overrides):
    doc_type = DocumentType.objects.get_or_create(name="Quyết định")[0]
    body = IssuingBody.objects.get_or_create(name="UBND thị xã")[0]
    data = {
        "number": "15/2024/QĐ-UBND",
        "slug": "",
        "doc_type": doc_type.pk,
        "issuing_body": body.pk,
        "sector": "",
        "signer_name": "Nguyễn Văn An",
        "signer_position": "Chủ tịch",
        "issued_on": "15/03/2024",
        "effective_on": "01/04/2024",
        "expires_on": "",
        "summary": "Quy định mức thu phí chợ trên địa bàn thị xã",
        "full_text": "",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-0-original_name": "",
        "files-0-order": "0",
        "relations-TOTAL_FORMS": "0",
        "relations-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_a_clerk_adds_a_document_with_a_pdf(clerk_client):
    data = form_data(**{"files-0-file": SimpleUploadedFile("QĐ 15.pdf", pdf_bytes())})
    response = clerk_client.post(ADD, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    document = Document.objects.get()
    attached = document.files.get()
    assert (attached.original_name, attached.extension) == ("QĐ 15.pdf", "pdf")
    assert document.slug == "15-2024-qd-ubnd"


def test_a_non_pdf_renamed_pdf_is_refused_and_what_the_clerk_typed_is_kept(clerk_client):
    fake = SimpleUploadedFile("quyet-dinh.pdf", b"MZ\x90\x00 this is a program")
    response = clerk_client.post(ADD, form_data(**{"files-0-file": fake}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nội dung tệp không phải là văn bản hợp lệ" in page
    assert 'value="15/2024/QĐ-UBND"' in page
    assert "Quy định mức thu phí chợ trên địa bàn thị xã" in page
    assert not Document.objects.exists()


def test_a_number_already_registered_is_refused_however_it_is_written(clerk_client):
    make_document(number="15/2024/QĐ-UBND")
    response = clerk_client.post(ADD, form_data(number="15/2024/qđ-ubnd "))
    assert "Đã có văn bản số 15/2024/qđ-ubnd." in response.content.decode()


def test_an_expiry_before_the_effective_date_is_refused(clerk_client):
    response = clerk_client.post(ADD, form_data(expires_on="01/01/2024"))
    assert "Ngày hết hiệu lực phải sau ngày có hiệu lực." in response.content.decode()


def test_staff_search_documents_by_number_or_summary_without_accents(clerk_client):
    make_document(number="15/2024/QĐ-UBND", summary="Mức thu phí chợ")
    make_document(number="07/CT-UBND", summary="Phòng chống thiên tai")
    changelist = reverse("admin:documents_document_changelist")
    for query in ["15/2024/qd-ubnd", "phi cho"]:
        page = clerk_client.get(changelist, {"q": query}).content.decode()
        assert "15/2024/QĐ-UBND" in page and "07/CT-UBND" not in page, query


def test_relations_are_chosen_by_search(clerk_client):
    make_document(number="03/2020/QĐ-UBND", summary="Mức thu phí chợ cũ")
    answer = clerk_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "03/2020",
            "app_label": "documents",
            "model_name": "documentrelation",
            "field_name": "target",
        },
    )
    assert [item["text"] for item in answer.json()["results"]] == ["03/2020/QĐ-UBND"]


def test_a_clerk_manages_only_documents(clerk_client):
    article = make_article()
    assert (
        clerk_client.get(reverse("admin:news_article_change", args=[article.pk])).status_code == 403
    )
    index = clerk_client.get(reverse("admin:index")).content.decode()
    assert "Văn bản" in index and "Bài viết" not in index
    for name in [
        "documenttype",
        "issuingbody",
        "sector",
        "publicinformation",
        "informationcontact",
    ]:
        assert clerk_client.get(reverse(f"admin:documents_{name}_add")).status_code == 200
