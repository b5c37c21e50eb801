"""The organisation pages as a citizen sees them: the chart, the leadership and spokesperson,
the directory searched without diacritics, tel: links, e-mail addresses a screen reader reads
but the page's source does not spell, and each person's vCard."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from factories import image_upload, make_person, make_unit

from organisation.models import Unit

pytestmark = pytest.mark.django_db


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


class Links(HTMLParser):
    """Every link of a page as a browser and a screen reader get it: (href, text), entities and
    comments resolved by the HTML parser, as a browser resolves them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self._href, self._text = [], None, []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


def links_of(html):
    parser = Links()
    parser.feed(html)
    return parser.links


@pytest.fixture
def town():
    committee = make_unit(
        name="Ủy ban nhân dân thị xã",
        slug="ubnd",
        kind=Unit.Kind.COMMITTEE,
        order=1,
        phone="0239 3831 234",
        email="ubnd@honglinh.example.vn",
    )
    office = make_unit(
        name="Phòng Tài chính – Kế hoạch",
        slug="phong-tai-chinh",
        parent=committee,
        order=2,
        functions="Tham mưu về ngân sách.",
        address="Số 3 đường Trần Phú",
        phone="(0239) 3.831.240",
    )
    ward = make_unit(
        name="Phường Bắc Hồng",
        slug="phuong-bac-hong",
        parent=committee,
        order=3,
        kind=Unit.Kind.WARD,
    )
    chairman = make_person(
        unit=committee,
        name="Nguyễn Văn Thắng",
        position="Chủ tịch Ủy ban nhân dân",
        position_en="Chairman of the People's Committee",
        phone="0239 3831 236",
        email="nvthang@honglinh.example.vn",
        is_leadership=True,
        order=1,
    )
    spokesperson = make_person(
        unit=committee,
        name="Phạm Quốc Bảo",
        position="Phó Chủ tịch Ủy ban nhân dân",
        is_spokesperson=True,
        order=2,
    )
    head = make_person(
        unit=office,
        name="Hoàng Thị Đào",
        position="Trưởng phòng",
        phone="0912 345 601",
        email="htdao@honglinh.example.vn",
    )
    return {
        "committee": committee,
        "office": office,
        "ward": ward,
        "chairman": chairman,
        "spokesperson": spokesperson,
        "head": head,
    }


def test_the_chart_nests_units_under_their_parent_as_lists_readable_without_css(client, town):
    html = page(client, reverse("organisation:directory"))
    chart = html[html.index('id="so-do"') : html.index('id="danh-ba"')]
    committee_at = chart.index("Ủy ban nhân dân thị xã")
    nested = chart[committee_at:]
    # The offices are list items of a list inside the committee's item.
    assert re.search(r"Ủy ban nhân dân thị xã</a><ul class=\"chart\">", nested)
    assert nested.index("Phòng Tài chính – Kế hoạch") < nested.index("Phường Bắc Hồng")


def test_leadership_and_spokesperson_are_shown_on_the_directory(client, town):
    html = page(client, reverse("organisation:directory"))
    leadership = html[html.index('id="lanh-dao"') : html.index('id="phat-ngon"')]
    spokespeople = html[html.index('id="phat-ngon"') : html.index('id="so-do"')]
    assert "Nguyễn Văn Thắng" in leadership and "Phạm Quốc Bảo" not in leadership
    assert "Phạm Quốc Bảo" in spokespeople and "Nguyễn Văn Thắng" not in spokespeople


@pytest.mark.parametrize("query", ["nguyen van", "NGUYEN VAN THANG", "Nguyễn Văn", "thang"])
def test_search_without_diacritics_finds_the_person(client, town, query):
    html = page(client, reverse("organisation:directory") + "?q=" + query)
    results = html[html.index('id="ket-qua"') : html.index('id="lanh-dao"')]
    assert "Nguyễn Văn Thắng" in results
    assert "Hoàng Thị Đào" not in results


def test_search_by_position_finds_everyone_holding_it(client, town):
    make_person(unit=town["ward"], name="Lê Văn Nam", position="Trưởng phòng")
    html = page(client, reverse("organisation:directory") + "?q=truong phong")
    results = html[html.index('id="ket-qua"') : html.index('id="lanh-dao"')]
    assert "Hoàng Thị Đào" in results and "Lê Văn Nam" in results
    assert "Nguyễn Văn Thắng" not in results
    assert "Tìm thấy 2 người." in results


def test_a_search_that_finds_nobody_says_so(client, town):
    html = page(client, reverse("organisation:directory") + "?q=khong+co+ai")
    assert "Không tìm thấy ai có họ tên hoặc chức vụ như vậy." in html


def test_unit_page_has_functions_address_tel_links_and_its_people(client, town):
    html = page(client, town["office"].get_absolute_url())
    assert "<h1>Phòng Tài chính – Kế hoạch</h1>" in html
    assert "Tham mưu về ngân sách." in html and "Số 3 đường Trần Phú" in html
    links = links_of(html)
    assert ("tel:02393831240", "(0239) 3.831.240") in links
    assert ("tel:0912345601", "0912 345 601") in links
    assert "Hoàng Thị Đào" in html and "Trưởng phòng" in html


def test_email_is_a_working_link_for_readers_but_not_in_the_page_source(client, town):
    html = page(client, town["office"].get_absolute_url())
    # What a browser and a screen reader get: a mailto link named by the address itself.
    assert ("mailto:htdao@honglinh.example.vn", "htdao@honglinh.example.vn") in links_of(html)
    # What an address harvester scanning the source gets: neither the address nor a mailto.
    assert "htdao@honglinh.example.vn" not in html
    assert "mailto:" not in html
    assert not re.search(r"[\w.]+@[\w.]+\.vn", html)
    # No element splits the address: it is read out in one piece.
    link = re.search(r'<a href="&#109;[^"]*">(.*?)</a>', html).group(1)
    assert "<" not in link.replace("<!-- -->", "")


def test_vcard_holds_the_person_in_utf8_with_escaping(client, town):
    town["head"].position = "Trưởng phòng; phụ trách ngân sách, kế hoạch"
    town["head"].save()
    response = client.get(town["head"].get_vcard_url())
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert 'filename="hoang-thi-dao.vcf"' in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    lines = body.split("\r\n")
    assert lines[:2] == ["BEGIN:VCARD", "VERSION:3.0"]
    assert body.endswith("END:VCARD\r\n")
    assert "N:Hoàng;Thị Đào;;;" in lines
    assert "FN:Hoàng Thị Đào" in lines
    assert "TITLE:Trưởng phòng\\; phụ trách ngân sách\\, kế hoạch" in body.replace("\r\n ", "")
    assert "TEL;TYPE=WORK,VOICE:0912345601" in lines
    assert "EMAIL;TYPE=INTERNET,WORK:htdao@honglinh.example.vn" in lines
    assert "ORG:Thị xã Hồng Lĩnh;Phòng Tài chính – Kế hoạch" in body.replace("\r\n ", "")
    # Long lines are folded at 75 octets, never inside a character.
    assert all(len(line.encode()) <= 75 for line in lines)


def test_a_person_without_phone_gets_the_units_number_in_the_vcard(client, town):
    body = client.get(town["spokesperson"].get_vcard_url()).content.decode()
    assert "TEL;TYPE=WORK,VOICE:02393831234" in body


def test_unknown_unit_and_person_are_404(client, town):
    assert client.get(reverse("organisation:unit", args=["khong-co"])).status_code == 404
    assert client.get(reverse("organisation:vcard", args=[99999])).status_code == 404


def test_pages_are_cached_and_an_edit_shows_at_once(client, town):
    url = town["office"].get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    town["head"].position = "Phó Trưởng phòng phụ trách"
    town["head"].save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Phó Trưởng phòng phụ trách" in response.content.decode()
    # The directory, cached as well, shows a renamed unit at once.
    client.get(reverse("organisation:directory"))
    town["ward"].name = "Phường Bắc Hồng Lĩnh"
    town["ward"].save()
    assert "Phường Bắc Hồng Lĩnh" in page(client, reverse("organisation:directory"))


def test_a_search_is_never_cached(client, town):
    response = client.get(reverse("organisation:directory") + "?q=thang")
    assert "X-Page-Cache" not in response


def test_photo_is_stored_without_metadata_and_resized(town):
    from PIL import Image

    person = town["head"]
    person.photo = image_upload("chan-dung.jpg", fmt="JPEG", size=(800, 1000))
    person.save()
    with Image.open(person.photo_small) as small:
        assert small.width == 240
    with Image.open(person.photo) as stored:
        assert not stored.getexif()


def test_a_vcard_has_one_address(client, town):
    pk = town["head"].pk
    assert client.get(f"/to-chuc/nguoi/{pk}.vcf").status_code == 200
    for other in (f"0{pk}", f"{pk}a", "abc", "-1"):
        assert client.get(f"/to-chuc/nguoi/{other}.vcf").status_code == 404, other
