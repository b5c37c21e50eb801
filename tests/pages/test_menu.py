"""The main menu staff arrange: order, one level of sub-entries, entries that are skipped, and a
change that shows on pages already cached."""

import re

import pytest
from django.core.exceptions import ValidationError
from factories import make_article, make_category, make_menu_entry, make_page

from core import sections
from pages.models import MenuEntry, Page

pytestmark = pytest.mark.django_db


def menu_of(client, url="/"):
    html = client.get(url).content.decode()
    nav = html[
        html.index('<nav class="menu"') : html.index("</nav>", html.index('<nav class="menu"'))
    ]
    return nav


def labels(nav):
    return re.findall(r"<(?:a href=\"[^\"]*\"|summary)>([^<]+)</", nav)


def test_without_entries_the_header_keeps_the_category_menu(client):
    make_category(name="Kinh tế")

    nav = menu_of(client)

    assert "Kinh tế" in nav and "trinh-don-chinh" not in nav


def test_entries_show_in_their_order_with_their_sub_entries(client):
    news = make_category(name="Tin tức sự kiện")
    economy = make_category(name="Kinh tế")
    about = make_page(title="Giới thiệu", slug="gioi-thieu")
    history = make_page(title="Lịch sử", slug="lich-su", parent=about)
    make_menu_entry(label="Dịch vụ công", kind="link", url="https://dichvucong.example/", order=3)
    top = make_menu_entry(kind="page", page=about, order=2)
    make_menu_entry(kind="category", category=news, order=1)
    make_menu_entry(kind="category", category=economy, parent=top, order=2)
    make_menu_entry(label="Lịch sử thị xã", kind="page", page=history, parent=top, order=1)

    nav = menu_of(client)

    # A label left empty is the target's own name; sub-entries follow their entry's own link.
    assert labels(nav) == [
        "Tin tức sự kiện",
        "Giới thiệu",
        "Giới thiệu",
        "Lịch sử thị xã",
        "Kinh tế",
        "Dịch vụ công",
    ]
    group = nav[nav.index("<details>") : nav.index("</details>")]
    assert 'href="/trang/gioi-thieu/lich-su/"' in group and economy.get_absolute_url() in group


def test_a_section_no_installed_app_offers_is_skipped_until_one_does(client, monkeypatch):
    make_menu_entry(label="Tin tức", kind="section", section="home", order=1)
    # Kept from when an app offered it (the form only offers registered sections).
    MenuEntry.objects.create(label="Bãi đỗ xe", kind="section", section="parking", order=2)

    assert labels(menu_of(client)) == ["Tin tức"]

    # An app installed later registers its section in its apps.py.
    monkeypatch.setitem(
        sections._sections,
        "parking",
        sections.Section("parking", "Bãi đỗ xe", "documents:access"),
    )
    MenuEntry.objects.get(section="parking").save()

    assert labels(menu_of(client)) == ["Tin tức", "Bãi đỗ xe"]


def test_an_entry_to_a_draft_page_is_skipped_with_its_sub_entries(client):
    draft = make_page(title="Đang viết", slug="dang-viet", status=Page.Status.DRAFT)
    top = make_menu_entry(kind="page", page=draft, order=1)
    make_menu_entry(label="Con", kind="link", url="/van-ban/", parent=top)
    make_menu_entry(label="Văn bản", kind="section", section="documents", order=2)

    assert labels(menu_of(client)) == ["Văn bản"]


def test_a_menu_change_shows_at_once_on_a_page_already_cached(client):
    article = make_article()
    make_menu_entry(label="Văn bản", kind="section", section="documents", order=1)
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"

    make_menu_entry(label="Lịch công tác", kind="section", section="schedule", order=0)

    response = client.get(url)
    assert labels(menu_of(client, url)) == ["Lịch công tác", "Văn bản"]
    assert "Lịch công tác" in response.content.decode()


def test_a_renamed_category_or_page_is_renamed_in_the_menu(client):
    category = make_category(name="Kinh tế")
    page = make_page(title="Giới thiệu", slug="gioi-thieu")
    make_menu_entry(kind="category", category=category, order=1)
    make_menu_entry(kind="page", page=page, order=2)
    assert labels(menu_of(client)) == ["Kinh tế", "Giới thiệu"]

    category.name = "Kinh tế - Đầu tư"
    category.save()
    page.title = "Về thị xã"
    page.slug = "ve-thi-xa"
    page.save()

    nav = menu_of(client)
    assert labels(nav) == ["Kinh tế - Đầu tư", "Về thị xã"]
    assert 'href="/trang/ve-thi-xa/"' in nav


def test_an_entry_needs_its_target_and_only_one_level_of_sub_entries():
    with pytest.raises(ValidationError) as missing:
        MenuEntry(kind="page").full_clean()
    assert "page" in missing.value.error_dict
    with pytest.raises(ValidationError) as scheme:
        MenuEntry(kind="link", label="X", url="javascript:alert(1)").full_clean()
    assert "url" in scheme.value.error_dict

    top = make_menu_entry(label="Mục", kind="link", url="/van-ban/")
    child = make_menu_entry(label="Con", kind="link", url="/van-ban/", parent=top)
    with pytest.raises(ValidationError) as deep:
        MenuEntry(label="Cháu", kind="link", url="/van-ban/", parent=child).full_clean()
    assert "parent" in deep.value.error_dict


def test_the_menu_is_a_keyboard_and_no_script_disclosure(client):
    top = make_menu_entry(label="Tin tức", kind="section", section="home")
    make_menu_entry(label="Văn bản", kind="section", section="documents", parent=top)

    nav = menu_of(client)

    # <details>/<summary> opens with Enter or Space and without JavaScript; the phone's toggle
    # button says what it controls and whether it is open.
    assert "<details>" in nav and "<summary>Tin tức</summary>" in nav
    assert 'aria-expanded="false"' in nav and 'aria-controls="trinh-don-chinh"' in nav
    assert "onclick" not in nav and "<script" not in nav
