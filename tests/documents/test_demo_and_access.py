"""The demo documents load with their files and relations; the access-to-information page lists
what the town must publish, where it lives, and how to ask."""

import pytest
from django.urls import reverse

from documents.demo import load_demo
from documents.models import (
    Document,
    DocumentFile,
    DocumentRelation,
    DocumentType,
    InformationContact,
    PublicInformation,
    Status,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_documents_of_several_types_with_pdfs_relations_and_every_status():
    assert load_demo() > 0
    assert DocumentType.objects.filter(documents__isnull=False).distinct().count() >= 5
    assert DocumentFile.objects.filter(extension="pdf").count() >= Document.objects.count()
    assert DocumentRelation.objects.filter(kind="replaces").exists()
    statuses = set(Document.objects.with_status().values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert load_demo() == 0  # a second run changes nothing


def test_the_access_page_links_each_entry_and_shows_the_contact(client):
    load_demo()
    page = client.get(reverse("documents:access")).content.decode()
    decision = DocumentType.objects.get(name="Quyết định")
    assert "Danh mục thông tin phải được công khai" in page
    assert f'href="/van-ban/?loai={decision.slug}"' in page
    assert 'href="/van-ban/?linh-vuc=dau-tu-cong"' in page
    assert "Văn phòng HĐND và UBND thị xã" in page
    assert "Cách yêu cầu cung cấp thông tin" in page
    assert "<li>Điền Phiếu yêu cầu" in page


def test_the_access_page_refreshes_when_staff_edit_an_entry(client):
    url = reverse("documents:access")
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    PublicInformation.objects.create(title="Kết quả giải quyết thủ tục hành chính", link="/tthc/")
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "Kết quả giải quyết thủ tục hành chính" in page.content.decode()


def test_an_entry_links_only_to_an_address_on_the_site_or_https():
    entry = PublicInformation(title="Liên kết", link="javascript:alert(1)")
    with pytest.raises(Exception, match="Đường dẫn phải bắt đầu"):
        entry.full_clean()


def test_an_empty_list_says_it_is_being_updated(client):
    InformationContact.objects.all().delete()
    page = client.get(reverse("documents:access")).content.decode()
    assert "Danh mục đang được cập nhật." in page
