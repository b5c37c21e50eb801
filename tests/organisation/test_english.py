"""The English pages: lang="en", English chrome, English fields with a marked Vietnamese
fallback, and the language switch on both sides linking the same page in the other language."""

import pytest
from django.urls import reverse
from factories import make_person, make_unit
from sitemap_text import whole_sitemap

from organisation.models import Introduction, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    unit = make_unit(
        name="Ủy ban nhân dân thị xã",
        name_en="People's Committee of the Town",
        slug="ubnd",
        kind=Unit.Kind.COMMITTEE,
        functions="Quản lý hành chính.",
        functions_en="The local administration.",
        address="Số 1 đường Trần Phú",
        address_en="1 Tran Phu Street",
        phone="0239 3831 234",
        show_on_contact=True,
    )
    make_person(
        unit=unit,
        name="Nguyễn Văn Thắng",
        position="Chủ tịch",
        position_en="Chairman",
        is_leadership=True,
    )
    make_person(unit=unit, name="Lê Thị Mai", position="Chuyên viên văn thư")
    return unit


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize(
    "name", ["organisation:home_en", "organisation:directory_en", "organisation:contact_en"]
)
def test_english_pages_are_marked_english_with_english_chrome(client, committee, name):
    html = html_of(client, reverse(name))
    assert '<html lang="en">' in html
    assert "Skip to main content" in html and 'aria-label="Main menu"' in html
    assert "Bỏ qua, đến nội dung chính" not in html


def test_english_unit_page_shows_english_fields_and_falls_back_marked_as_vietnamese(
    client, committee
):
    html = html_of(client, committee.get_english_url())
    assert '<html lang="en">' in html
    assert "<h1>People&#39;s Committee of the Town</h1>" in html
    assert "The local administration." in html and "1 Tran Phu Street" in html
    assert "Chairman" in html
    # No English position: the Vietnamese one, so the reader still learns it.
    assert "Chuyên viên văn thư" in html
    assert 'href="tel:02393831234"' in html


def test_a_unit_without_english_name_is_shown_in_vietnamese_marked_lang_vi(client):
    unit = make_unit(name="Phường Nam Hồng", slug="phuong-nam-hong")
    html = html_of(client, unit.get_english_url())
    assert '<h1 lang="vi">Phường Nam Hồng</h1>' in html


def test_language_switch_links_the_counterpart_page_on_both_sides(client, committee):
    pairs = [
        (reverse("organisation:directory"), reverse("organisation:directory_en")),
        (committee.get_absolute_url(), committee.get_english_url()),
        (reverse("contact:form"), reverse("organisation:contact_en")),
    ]
    for vietnamese, english in pairs:
        vi_html = html_of(client, vietnamese)
        en_html = html_of(client, english)
        assert f'<a href="{english}" lang="en" hreflang="en">English</a>' in vi_html
        assert f'<a href="{vietnamese}" lang="vi" hreflang="vi">Tiếng Việt</a>' in en_html
    # Every other Vietnamese page links the English home.
    home = html_of(client, reverse("news:home"))
    assert (
        f'<a href="{reverse("organisation:home_en")}" lang="en" hreflang="en">English</a>' in home
    )


def test_english_home_shows_the_introduction_staff_wrote(client, committee):
    Introduction.objects.create(
        title="Giới thiệu",
        title_en="About the town",
        text="Thị xã dưới chân núi.",
        text_en="The town lies at the foot of the mountains.",
    )
    html = html_of(client, reverse("organisation:home_en"))
    assert "<h1>About the town</h1>" in html
    assert "The town lies at the foot of the mountains." in html
    assert "Chairman" in html


def test_english_contact_lists_addresses_and_says_the_form_is_vietnamese(client, committee):
    html = html_of(client, reverse("organisation:contact_en"))
    assert "1 Tran Phu Street" in html
    assert "The contact form is in Vietnamese only" in html


def test_an_edited_introduction_shows_at_once(client):
    intro = Introduction.objects.create(title="Giới thiệu", text="x", text_en="First words.")
    assert "First words." in html_of(client, reverse("organisation:home_en"))
    intro.text_en = "Second words."
    intro.save()
    assert "Second words." in html_of(client, reverse("organisation:home_en"))


def test_sitemap_lists_the_organisation_pages_in_both_languages(client, committee, settings):
    xml = whole_sitemap(client)
    for path in ("/to-chuc/", "/to-chuc/ubnd/", "/en/", "/en/organisation/ubnd/", "/en/contact/"):
        assert f"<loc>{settings.SITE_URL}{path}</loc>" in xml, path
