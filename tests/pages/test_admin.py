"""Staff pages: editors write and move pages, the office arranges the menu and the identity."""

import pytest
from factories import make_menu_entry, make_page

from pages.models import MenuEntry, Page, PageRedirect

pytestmark = pytest.mark.django_db


def inline(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(total),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def page_form(**fields):
    data = {"title": "", "slug": "", "parent": "", "order": "0", "status": "published"}
    data.update(lead="", body="", cover_caption="", **inline("redirects"))
    data.update(fields)
    return data


def test_an_editor_writes_a_page_and_moves_it_keeping_the_old_address(editor_client, client):
    about = make_page(title="Giới thiệu", slug="gioi-thieu")

    added = editor_client.post(
        "/admin/pages/page/add/",
        page_form(title="Lịch sử", slug="lich-su", parent=str(about.pk), body="<p>Xưa kia…</p>"),
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    history = Page.objects.get(slug="lich-su")
    assert history.path == "gioi-thieu/lich-su"

    moved = editor_client.post(
        f"/admin/pages/page/{history.pk}/change/",
        page_form(title="Lịch sử", slug="lich-su", parent="", body="<p>Xưa kia…</p>"),
    )
    assert moved.status_code == 302
    assert PageRedirect.objects.get(old_path="gioi-thieu/lich-su").page == history
    change_page = editor_client.get(f"/admin/pages/page/{history.pk}/change/").content.decode()
    assert "gioi-thieu/lich-su" in change_page  # staff see which old addresses still lead here


def test_a_sibling_with_the_same_slug_is_refused_in_vietnamese(editor_client):
    make_page(title="Lịch sử", slug="lich-su")

    response = editor_client.post("/admin/pages/page/add/", page_form(title="Khác", slug="lich-su"))

    assert response.status_code == 200
    assert "Đã có một trang cùng cấp dùng đường dẫn này." in response.content.decode()


def test_editors_may_not_arrange_the_menu_or_the_identity_but_the_office_may(
    editor_client, office_client
):
    assert editor_client.get("/admin/pages/menuentry/").status_code == 403
    assert editor_client.get("/admin/pages/siteidentity/").status_code == 403
    assert office_client.get("/admin/pages/page/add/").status_code == 403

    response = office_client.post(
        "/admin/pages/menuentry/add/",
        {
            "label": "",
            "kind": "section",
            "section": "documents",
            "url": "",
            "order": "4",
            **inline("children"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = MenuEntry.objects.get()
    assert str(entry) == "Văn bản"


def test_the_menu_list_shows_top_entries_and_where_each_leads(office_client):
    top = make_menu_entry(label="Giới thiệu", kind="link", url="/trang/gioi-thieu/")
    make_menu_entry(label="Lịch sử", kind="link", url="/trang/lich-su/", parent=top)
    # Saved while an app offered that section; the app has since been removed.
    MenuEntry.objects.create(label="Bãi đỗ xe", kind="section", section="parking")

    html = office_client.get("/admin/pages/menuentry/").content.decode()

    assert "Giới thiệu" in html and "1 mục con" in html
    assert ">Lịch sử<" not in html
    assert "không hiển thị" in html  # the section no installed app offers
