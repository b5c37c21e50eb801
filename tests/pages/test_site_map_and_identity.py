"""The site map page, sitemap.xml's pages, and the header and footer staff edit in the admin."""

import re

import pytest
from django.test import Client
from factories import make_category, make_menu_entry, make_page
from sitemap_text import whole_sitemap

from pages.models import Page, SiteIdentity

pytestmark = pytest.mark.django_db


def test_the_site_map_lists_the_menu_sections_categories_and_public_pages(client):
    parent = make_category(name="Văn hóa - Xã hội")
    make_category(name="Giáo dục", parent=parent)
    about = make_page(title="Giới thiệu", slug="gioi-thieu")
    make_page(title="Lịch sử", slug="lich-su", parent=about)
    make_page(title="Bản nháp bí mật", slug="nhap", status=Page.Status.DRAFT)
    make_menu_entry(label="Dịch vụ công", kind="link", url="https://dichvucong.example/")

    response = client.get("/so-do-cong/")

    assert response.status_code == 200
    html = response.content.decode()
    for link in [
        'href="https://dichvucong.example/">Dịch vụ công',
        'href="/van-ban/">Văn bản',
        'href="/lich-cong-tac/">Lịch công tác',
        ">Văn hóa - Xã hội</a><ul><li><a href=",
        ">Giáo dục</a>",
        'href="/trang/gioi-thieu/">Giới thiệu</a><ul><li><a href="/trang/gioi-thieu/lich-su/">',
    ]:
        assert link in html, link
    assert "Bản nháp bí mật" not in html
    assert html.count("<h1") == 1 and "<h2" in html


def test_sitemap_xml_lists_public_pages_only(client, settings):
    settings.SITE_URL = "https://thixa.example.vn"
    about = make_page(title="Giới thiệu", slug="gioi-thieu")
    make_page(title="Lịch sử", slug="lich-su", parent=about)
    make_page(title="Nháp", slug="nhap", status=Page.Status.DRAFT)
    make_page(title="Dưới nháp", slug="con", parent=Page.objects.get(slug="nhap"))

    xml = whole_sitemap(client)

    locations = set(re.findall(r"<loc>([^<]+/trang/[^<]+)</loc>", xml))
    assert locations == {
        "https://thixa.example.vn/trang/gioi-thieu/",
        "https://thixa.example.vn/trang/gioi-thieu/lich-su/",
    }


def test_header_and_footer_have_defaults_until_staff_fill_the_identity(client, settings):
    settings.TOWN_NAME = "Thị xã Thử Nghiệm"
    html = client.get("/").content.decode()
    assert '<span class="brand-name">Thị xã Thử Nghiệm</span>' in html
    assert "Cơ quan chủ quản: Ủy ban nhân dân thị xã Thử Nghiệm." in html
    assert "Chịu trách nhiệm chính" not in html


def test_the_footer_shows_what_staff_saved_on_every_page_at_once(client, office_client):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"

    response = office_client.post(
        "/admin/pages/siteidentity/",
        {
            "kicker": "Cổng thông tin điện tử",
            "full_name": "Thị xã Bến Sông",
            "governing_body": "Ủy ban nhân dân thị xã Bến Sông",
            "responsible_person": "Bà Lê Thị Hạnh, Chánh Văn phòng",
            "address": "Số 1 đường Bờ Sông",
            "phone": "0239 3 123 456",
            "email": "vanphong@bensong.example.vn",
            "licence": "Giấy phép số 01/GP-TTĐT.",
        },
    )
    assert response.status_code == 302
    assert SiteIdentity.objects.count() == 1

    reader = Client()
    html = reader.get("/").content.decode()
    assert '<span class="brand-name">Thị xã Bến Sông</span>' in html
    for line in [
        "Cơ quan chủ quản: Ủy ban nhân dân thị xã Bến Sông.",
        "Chịu trách nhiệm chính: Bà Lê Thị Hạnh, Chánh Văn phòng.",
        "Địa chỉ: Số 1 đường Bờ Sông.",
        '<a href="tel:02393123456">0239 3 123 456</a>',
        '<a href="mailto:vanphong@bensong.example.vn">',
        "Giấy phép số 01/GP-TTĐT.",
    ]:
        assert line in html, line
    # The counters stay in the footer, filled as each page is served.
    assert 'id="bo-dem"' in html and "Thống kê:" in html


def test_the_footer_links_the_accessibility_statement_once_it_is_published(client):
    statement = make_page(
        title="Tuyên bố về khả năng tiếp cận", slug="tuyen-bo-tiep-can", status=Page.Status.DRAFT
    )
    assert "Tuyên bố về khả năng tiếp cận" not in client.get("/").content.decode()

    statement.status = Page.Status.PUBLISHED
    statement.save()

    assert 'href="/trang/tuyen-bo-tiep-can/">Tuyên bố' in client.get("/").content.decode()
