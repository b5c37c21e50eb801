"""In a real browser: a clerk enters a document with its PDF in the admin and sends it for
approval; once approved, a citizen on a phone finds it by searching its summary without accents and downloads the file."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from factories import make_staff, pdf_bytes
from playwright.sync_api import expect

from documents import downloads
from documents.models import Document, DocumentType, IssuingBody
from portal.staff import CLERKS
from review import services
from review.models import ReviewState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    # A phone's own browser: headless chromium names itself, and is not counted as a reader.
    "user_agent": "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
}
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True, **PHONE
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_clerk_enters_a_document_and_a_citizen_on_a_phone_finds_and_downloads_it(
    live_server, page, phone, django_user_model, tmp_path
):
    decision = DocumentType.objects.create(name="Quyết định")
    committee = IssuingBody.objects.create(name="UBND thị xã")
    make_staff("vanthu", CLERKS)
    scan = tmp_path / "Quyết định 15-2024 phí chợ.pdf"
    scan.write_bytes(pdf_bytes())

    # The clerk, at a desk.
    page.goto(live_server.url + reverse("admin:login"))
    page.locator("#id_username").fill("vanthu")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.goto(live_server.url + reverse("admin:documents_document_add"))
    page.locator("#id_number").fill("15/2024/QĐ-UBND")
    page.locator("#id_doc_type").select_option(str(decision.pk))
    page.locator("#id_issuing_body").select_option(str(committee.pk))
    page.locator("#id_summary").fill("Quy định mức thu phí chợ trên địa bàn thị xã")
    page.locator("#id_signer_name").fill("Nguyễn Thị Thu Hà")
    page.locator("#id_issued_on").fill("15/03/2024")
    page.locator("#id_effective_on").fill("01/04/2024")
    page.locator("#id_files-0-file").set_input_files(str(scan))
    page.locator("input[name=_submit_for_review]").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã gửi duyệt.")
    document = Document.objects.get()
    assert document.files.get().original_name == scan.name
    assert document.state == ReviewState.SUBMITTED

    # The office's approver publishes it (tests/review covers the approval itself).
    approver = django_user_model.objects.create_user("chanhvanphong", is_staff=True)
    approver.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_document", "approve_document"])
    )
    services.publish(user=approver, item=document)

    # A citizen, on a phone: the menu, then a search without accents.
    citizen = phone
    citizen.goto(live_server.url + "/")
    citizen.get_by_role("navigation", name="Chuyên mục").get_by_role("link", name="Văn bản").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Văn bản")
    citizen.get_by_label("Số, ký hiệu hoặc trích yếu").fill("phi cho")
    citizen.get_by_role("button", name="Tra cứu").click()
    expect(citizen.locator(".doc-count")).to_have_text("Có 1 văn bản cho “phi cho”.")
    screenshot(citizen, "documents-search-phone")
    citizen.get_by_role("link", name="Quyết định số 15/2024/QĐ-UBND").click()
    expect(citizen.locator(".doc-fields")).to_contain_text("Còn hiệu lực")
    screenshot(citizen, "document-detail-phone")
    # Printed, the page is the document alone, with the site's name and the page's address.
    expect(citizen.get_by_role("button", name="In văn bản")).to_be_visible()
    citizen.emulate_media(media="print")
    expect(citizen.locator(".site-header")).to_be_hidden()
    expect(citizen.locator(".doc-print-footer")).to_contain_text(document.get_absolute_url())
    citizen.emulate_media(media="screen")
    # The file is within the phone's width, with its size and type.
    link = citizen.get_by_role("link", name="Quyết định 15-2024 phí chợ.pdf")
    box = link.bounding_box()
    assert box["x"] + box["width"] <= 390
    expect(citizen.locator(".doc-files")).to_contain_text("PDF")
    with citizen.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "Quyết định 15-2024 phí chợ.pdf"
    assert Path(download.path()).read_bytes() == scan.read_bytes()
    downloads.write_pending()
    assert document.files.get().download_count == 1
