"""Documents under review: clerks enter and send them, staff with the approval permission publish,
return or withdraw; readers see only published documents, on every page that lists them."""

import pytest
from django.urls import reverse
from factories import document_upload, make_document

from documents.models import Document, DocumentFile, DocumentRelation
from review import services
from review.models import ReviewState

pytestmark = pytest.mark.django_db


def test_a_clerk_cannot_publish_a_document_but_an_approver_can(clerk, document_approver, logged_in):
    document = make_document(state=ReviewState.DRAFT)
    services.submit(user=clerk, item=document)
    clerk_browser = logged_in(clerk)
    url = reverse("admin:documents_document_review", args=[document.pk])

    clerk_browser.post(url, {"move": "publish"})
    assert Document.objects.get(pk=document.pk).state == ReviewState.SUBMITTED

    logged_in(document_approver).post(url, {"move": "publish"})
    assert Document.objects.get(pk=document.pk).state == ReviewState.PUBLISHED


def test_a_document_not_published_is_on_no_public_page(client):
    shown = make_document(summary="Về việc công bố giá đất", number="1/2025/QĐ-UBND")
    hidden = make_document(
        summary="Về việc điều chỉnh giá đất", number="2/2025/QĐ-UBND", state=ReviewState.SUBMITTED
    )
    DocumentRelation.objects.create(source=shown, target=hidden, kind=DocumentRelation.Kind.RELATED)
    attached = DocumentFile.objects.create(document=hidden, file=document_upload())

    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("documents:download", args=[attached.pk])).status_code == 404
    pages = [
        reverse("documents:list"),
        reverse("documents:list") + "?q=gia+dat",
        reverse("documents:feed"),
        shown.get_absolute_url(),
        "/sitemap-documents.xml",
    ]
    for url in pages:
        page = client.get(url).content.decode()
        assert "2/2025/QĐ-UBND" not in page, url
        assert hidden.slug not in page, url
    assert "1/2025/QĐ-UBND" in client.get(reverse("documents:list")).content.decode()


def test_a_draft_replacement_does_not_expire_the_document_in_force(client):
    in_force = make_document(number="5/2024/QĐ-UBND")
    draft = make_document(number="9/2025/QĐ-UBND", state=ReviewState.DRAFT)
    DocumentRelation.objects.create(
        source=draft, target=in_force, kind=DocumentRelation.Kind.REPLACES
    )
    status = Document.objects.with_status().get(pk=in_force.pk).status
    assert status == "con-hieu-luc"


def test_an_approver_sees_documents_waiting_on_the_admin_home(document_approver, logged_in):
    make_document(state=ReviewState.SUBMITTED)
    make_document(state=ReviewState.DRAFT)
    home = logged_in(document_approver).get(reverse("admin:index")).content.decode()
    assert "1 văn bản chờ bạn duyệt" in home


def test_clerks_are_not_approvers_by_their_group(clerk):
    assert clerk.has_perm("documents.change_document")
    assert not clerk.has_perm("documents.approve_document")


def test_a_clerk_sends_a_document_from_its_page_and_reads_why_it_came_back(
    clerk, document_approver, logged_in
):
    document = make_document(state=ReviewState.DRAFT)
    services.submit(user=clerk, item=document)
    services.return_to_editor(
        user=document_approver, item=document, comment="Sai ngày có hiệu lực."
    )
    page = logged_in(clerk).get(reverse("admin:documents_document_change", args=[document.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Sai ngày có hiệu lực." in html and "Trả lại" in html
    assert 'name="_submit_for_review"' in html
    assert (
        "1 văn bản của bạn bị trả lại"
        in logged_in(clerk).get(reverse("admin:index")).content.decode()
    )
