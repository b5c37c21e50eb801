"""The public document pages: list with filters and search, a document, its files, feeds, sitemap."""

import json
import re
import time
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from factories import document_upload, make_document
from sitemap_text import whole_sitemap

from core import pagecache
from documents import downloads, models
from documents.models import DocumentFile, DocumentRelation, DocumentType, IssuingBody

pytestmark = pytest.mark.django_db

LIST = "/van-ban/"
PHONE_BROWSER = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
)


@pytest.fixture
def decision():
    return DocumentType.objects.create(name="Quyết định")


@pytest.fixture
def market_fees(decision):
    document = make_document(
        doc_type=decision,
        issuing_body=IssuingBody.objects.create(name="UBND thị xã"),
        number="15/2024/QĐ-UBND",
        summary="Quy định mức thu phí chợ trên địa bàn thị xã",
        signer_name="Nguyễn Văn An",
        signer_position="Chủ tịch",
        issued_on=date(2024, 3, 15),
        effective_on=date(2024, 4, 1),
    )
    DocumentFile.objects.create(document=document, file=document_upload("Quyết định 15.pdf"))
    return document


def test_the_list_shows_documents_newest_first(client, market_fees):
    make_document(
        number="20/2024/QĐ-UBND", issued_on=date(2024, 9, 1), effective_on=date(2024, 9, 1)
    )
    page = client.get(LIST).content.decode()
    assert page.index("số 20/2024/QĐ-UBND") < page.index("số 15/2024/QĐ-UBND")
    assert "Còn hiệu lực" in page


def test_the_list_is_paginated_with_the_filters_kept_in_the_links(client, decision):
    for number in range(25):
        make_document(doc_type=decision, number=f"{number}/2024/QĐ-UBND")
    make_document(number="99/CT-UBND")
    page = client.get(LIST, {"loai": decision.slug}).content.decode()
    assert "Có 25 văn bản" in page
    assert f'href="?loai={decision.slug}&amp;page=2"' in page
    second = client.get(LIST, {"loai": decision.slug, "page": 2}).content.decode()
    assert second.count('class="doc-item"') == 5
    assert client.get(LIST, {"page": 9}).status_code == 404


def test_a_filtered_list_is_cached_and_refreshed_when_a_document_changes(
    client, market_fees, decision
):
    address = f"{LIST}?loai={decision.slug}&nam=2024"
    first = client.get(address)
    assert first["X-Page-Cache"] == "miss"
    assert client.get(address)["X-Page-Cache"] == "hit"
    make_document(
        doc_type=decision,
        number="30/2024/QĐ-UBND",
        issued_on=date(2024, 10, 1),
        effective_on=date(2024, 10, 1),
    )
    refreshed = client.get(address)
    assert refreshed["X-Page-Cache"] == "miss"
    assert "30/2024/QĐ-UBND" in refreshed.content.decode()


def test_the_filter_form_shows_what_is_chosen(client, market_fees, decision):
    page = client.get(LIST, {"loai": decision.slug, "hieu-luc": "con-hieu-luc"}).content.decode()
    assert f'<option value="{decision.slug}" selected>' in page
    assert '<option value="con-hieu-luc" selected>' in page


def test_a_searched_list_offers_a_new_type_and_an_older_year_at_once(client, market_fees):
    assert "Chỉ thị" not in client.get(LIST, {"q": "phi cho"}).content.decode()

    directive = DocumentType.objects.create(name="Chỉ thị")
    make_document(doc_type=directive, issued_on=date(2019, 5, 2))

    page = client.get(LIST, {"q": "phi cho"}).content.decode()
    assert f'<option value="{directive.slug}">Chỉ thị</option>' in page
    assert '<option value="2019">2019</option>' in page


def test_an_unknown_filter_value_is_dropped_from_the_address(client, market_fees):
    response = client.get(LIST, {"loai": "khong-co", "nam": "abc", "hieu-luc": "x"}, follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert "15/2024/QĐ-UBND" in response.content.decode()


def test_the_submitted_form_lands_on_one_short_address_per_list(client, market_fees, decision):
    form = {
        "q": "",
        "loai": decision.slug,
        "co-quan": "",
        "linh-vuc": "",
        "nam": "2024",
        "hieu-luc": "",
    }
    response = client.get(LIST, form)
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?loai={decision.slug}&nam=2024"
    searched = client.get(LIST, {**form, "q": " phí chợ "})
    assert searched["Location"] == f"{LIST}?q=ph%C3%AD+ch%E1%BB%A3&loai={decision.slug}&nam=2024"


def test_a_reader_searches_by_number_or_by_summary_without_accents(client, market_fees):
    make_document(number="07/CT-UBND", summary="Phòng chống thiên tai")
    for query in ["15/2024/qđ-ubnd", "15/2024", "phi cho"]:
        page = client.get(LIST, {"q": query}).content.decode()
        assert "15/2024/QĐ-UBND" in page, query
        assert "07/CT-UBND" not in page, query


def test_a_search_combines_with_the_filters(client, market_fees, decision):
    make_document(number="16/2024/CT-UBND", summary="Quản lý phí chợ tạm")
    page = client.get(LIST, {"q": "phi cho", "loai": decision.slug}).content.decode()
    assert "15/2024/QĐ-UBND" in page
    assert "16/2024/CT-UBND" not in page


def test_the_detail_page_shows_every_field_files_and_relations_both_ways(client, market_fees):
    old = make_document(number="03/2020/QĐ-UBND", summary="Mức thu phí chợ cũ")
    amendment = make_document(number="22/2024/QĐ-UBND", summary="Sửa đổi mức thu")
    DocumentRelation.objects.create(source=market_fees, kind="replaces", target=old)
    DocumentRelation.objects.create(source=amendment, kind="amends", target=market_fees)
    page = client.get(market_fees.get_absolute_url()).content.decode()
    for text in [
        "15/2024/QĐ-UBND", "Quyết định", "UBND thị xã", "Nguyễn Văn An", "Chủ tịch",
        "15/03/2024", "01/04/2024", "Không quy định", "Còn hiệu lực",
        "Quyết định 15.pdf", "PDF",
        "Thay thế:", "03/2020/QĐ-UBND", "Được sửa đổi, bổ sung bởi:", "22/2024/QĐ-UBND",
    ]:  # fmt: skip
        assert text in page, text
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert "Bị thay thế bởi:" in old_page and "Hết hiệu lực" in old_page


def test_the_detail_page_has_structured_data(client, market_fees):
    page = client.get(market_fees.get_absolute_url()).content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "15/2024/QĐ-UBND"
    assert data["legislationLegalForce"] == "https://schema.org/InForce"
    assert data["encoding"][0]["encodingFormat"] == "application/pdf"


def test_text_in_structured_data_cannot_close_its_element(client):
    document = make_document(summary="</script><script>alert(1)</script>")
    page = client.get(document.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page


def test_an_uncached_detail_page_asks_at_most_three_queries(client, market_fees):
    other = make_document()
    DocumentRelation.objects.create(source=market_fees, kind="related", target=other)
    DocumentRelation.objects.create(source=other, kind="replaces", target=market_fees)
    client.get("/")  # the menu and sidebar, which every page shares, are read once per process
    with CaptureQueriesContext(connection) as queries:
        response = client.get(market_fees.get_absolute_url(), HTTP_COOKIE="")
    assert response.status_code == 200
    document_queries = [q["sql"] for q in queries.captured_queries if "documents_" in q["sql"]]
    assert len(document_queries) <= 3, document_queries


def test_the_detail_page_refreshes_when_a_file_is_added(client, market_fees):
    url = market_fees.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    DocumentFile.objects.create(document=market_fees, file=document_upload("Phụ lục.pdf"))
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss" and "Phụ lục.pdf" in page.content.decode()


def test_pages_are_due_for_refresh_when_an_effective_date_comes(client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    document = make_document(issued_on=timezone.localdate(), effective_on=tomorrow)
    assert "Chưa có hiệu lực" in client.get(document.get_absolute_url()).content.decode()
    from core.pagecache import _next_scheduled_change

    assert (
        _next_scheduled_change()
        <= timezone.make_aware(
            timezone.datetime.combine(tomorrow, timezone.datetime.min.time())
        ).timestamp()
    )


def test_a_search_shows_an_edited_documents_new_row_at_once(client, market_fees):
    assert "trên địa bàn thị xã" in client.get(LIST, {"q": "phi cho"}).content.decode()

    market_fees.summary = "Quy định mức thu phí chợ Đức Thuận (sửa đổi)"
    market_fees.save()

    page = client.get(LIST, {"q": "phi cho"}).content.decode()
    assert "Đức Thuận (sửa đổi)" in page
    assert "trên địa bàn thị xã" not in page


def test_a_searched_rows_status_turns_when_its_effective_date_comes(client, monkeypatch):
    today = timezone.localdate()
    make_document(
        summary="Quy định giá vé chợ đêm", issued_on=today, effective_on=today + timedelta(days=1)
    )
    not_yet = '<span class="doc-status doc-status-chua-co-hieu-luc">Chưa có hiệu lực</span>'
    in_force = '<span class="doc-status doc-status-con-hieu-luc">Còn hiệu lực</span>'
    assert not_yet in client.get(LIST, {"q": "cho dem"}).content.decode()

    # Two days later, with no edit and no reader in between (what the cache held with a time
    # to live has expired).
    monkeypatch.setattr(models, "today", lambda: today + timedelta(days=2))
    later = time.time() + 2 * 24 * 3600
    monkeypatch.setattr(pagecache.time, "time", lambda: later)

    page = client.get(LIST, {"q": "cho dem"}).content.decode()
    assert in_force in page
    assert not_yet not in page


def test_a_download_is_served_under_its_real_name_and_counted_once(client, market_fees):
    attached = market_fees.files.get()
    response = client.get(attached.get_absolute_url(), HTTP_USER_AGENT=PHONE_BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2015.pdf" in response["Content-Disposition"]
    with attached.file.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()
    downloads.write_pending()
    attached.refresh_from_db()
    assert attached.download_count == 1
    assert (
        client.head(attached.get_absolute_url(), HTTP_USER_AGENT=PHONE_BROWSER).status_code == 200
    )
    downloads.write_pending()
    attached.refresh_from_db()
    assert attached.download_count == 1


def test_downloads_wait_in_a_batch_and_are_written_once(client, market_fees, settings):
    settings.STATS_BUFFER_SECONDS = 3600  # the thread never wakes during the test
    attached = market_fees.files.get()
    try:
        for _ in range(3):
            client.get(attached.get_absolute_url(), HTTP_USER_AGENT=PHONE_BROWSER)
        attached.refresh_from_db()
        assert attached.download_count == 0
        with CaptureQueriesContext(connection) as queries:
            downloads.write_pending()
        assert len([q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]) == 1
        downloads.write_pending()
        attached.refresh_from_db()
        assert attached.download_count == 3
    finally:
        downloads.buffer.stop()


def test_a_crawlers_download_is_served_but_not_counted(client, market_fees):
    attached = market_fees.files.get()
    for agent in ["Googlebot/2.1 (+http://www.google.com/bot.html)", ""]:
        assert client.get(attached.get_absolute_url(), HTTP_USER_AGENT=agent).status_code == 200
    downloads.write_pending()
    attached.refresh_from_db()
    assert attached.download_count == 0


def test_a_missing_file_is_a_404(client):
    for key in ["999", "abc", "9" * 40]:
        assert client.get(reverse("documents:download", args=[key])).status_code == 404


def test_feeds_list_new_documents_all_and_per_type(client, market_fees, decision):
    make_document(number="07/CT-UBND")
    everything = client.get("/van-ban/rss/").content.decode()
    assert "15/2024/QĐ-UBND" in everything and "07/CT-UBND" in everything
    decisions = client.get(f"/van-ban/rss/{decision.slug}/").content.decode()
    assert "15/2024/QĐ-UBND" in decisions and "07/CT-UBND" not in decisions
    assert client.get("/van-ban/rss/khong-co/").status_code == 404


def test_documents_are_in_the_sitemap(client, market_fees):
    sitemap = whole_sitemap(client)
    assert market_fees.get_absolute_url() in sitemap


def test_the_menu_links_the_documents_and_the_access_page(client):
    page = client.get("/").content.decode()
    assert 'href="/van-ban/">Văn bản</a>' in page
    assert 'href="/tiep-can-thong-tin/">Tiếp cận thông tin</a>' in page


def test_document_links_come_from_site_url_never_from_the_host_header(client, settings):
    settings.SITE_URL = "https://thixa.example.vn"
    settings.ALLOWED_HOSTS = ["*"]
    document = make_document()
    urls = [
        reverse("documents:feed"),
        reverse("documents:type_feed", kwargs={"slug": document.doc_type.slug}),
        "/sitemap.xml",
        "/sitemap-documents.xml",
        document.get_absolute_url(),
    ]
    for url in urls:
        # The first reader forges the Host header; what is cached is what everyone then gets.
        for response in (client.get(url, HTTP_HOST="ke-gia-mao.example:8443"), client.get(url)):
            text = response.content.decode()
            assert response.status_code == 200, url
            # The forged port, as a host would carry it (a bare "8443" turns up in timestamps).
            assert "ke-gia-mao" not in text and ":8443" not in text, url
            # The index lists the sections' pages; everything else links documents.
            expected = "sitemap-documents.xml" if url == "/sitemap.xml" else "van-ban/"
            assert f"https://thixa.example.vn/{expected}" in text, url
