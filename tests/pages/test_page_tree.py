"""The town's pages under /trang/: the tree, breadcrumbs, children, drafts, and old addresses
that keep working after a page moves."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from factories import image_upload, make_page

from pages.models import Page, PageRedirect

pytestmark = pytest.mark.django_db


@pytest.fixture
def introduction():
    about = make_page(title="Giới thiệu", slug="gioi-thieu", order=1)
    history = make_page(title="Lịch sử hình thành", slug="lich-su", parent=about, order=2)
    geography = make_page(title="Vị trí địa lý", slug="dia-ly", parent=about, order=1)
    founding = make_page(title="Ngày thành lập", slug="thanh-lap", parent=history)
    return about, history, geography, founding


def test_a_page_is_served_at_its_path_with_breadcrumb_and_children_in_order(client, introduction):
    about, history, geography, founding = introduction

    response = client.get("/trang/gioi-thieu/lich-su/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="article-title">Lịch sử hình thành</h1>' in html
    breadcrumb = html[
        html.index('aria-label="Vị trí"') : html.index("</nav>", html.index("Vị trí"))
    ]
    assert 'href="/trang/gioi-thieu/">Giới thiệu</a>' in breadcrumb
    assert '<span aria-current="page">Lịch sử hình thành</span>' in breadcrumb
    assert 'href="/trang/gioi-thieu/lich-su/thanh-lap/">Ngày thành lập</a>' in html

    top = client.get("/trang/gioi-thieu/").content.decode()
    children = top[top.index('id="trang-con"') :]
    # Ordered by number, then title: "Vị trí địa lý" (1) before "Lịch sử hình thành" (2).
    assert children.index("Vị trí địa lý") < children.index("Lịch sử hình thành")
    assert "Ngày thành lập" not in children  # a grandchild is on its own parent's page


def test_a_draft_is_a_404_for_readers_and_hides_its_subtree_but_staff_preview_it(
    editor, introduction
):
    about, history, geography, founding = introduction
    client, editor_client = Client(), Client()
    editor_client.force_login(editor)
    history.status = Page.Status.DRAFT
    history.save()

    assert client.get("/trang/gioi-thieu/lich-su/").status_code == 404
    # A published page under a draft is not public either.
    assert client.get("/trang/gioi-thieu/lich-su/thanh-lap/").status_code == 404
    assert "Lịch sử hình thành" not in client.get("/trang/gioi-thieu/").content.decode()

    preview = editor_client.get("/trang/gioi-thieu/lich-su/")
    assert preview.status_code == 200
    assert "Bản xem trước" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]


def test_the_body_is_sanitised_like_an_article(client):
    make_page(slug="an-toan", body='<p onclick="x()">Chữ</p><script>alert(1)</script>')

    html = client.get("/trang/an-toan/").content.decode()

    assert "Chữ" in html and "alert(1)" not in html and "onclick" not in html


def test_an_unknown_or_malformed_path_is_a_404(client, introduction):
    assert client.get("/trang/khong-co/").status_code == 404
    assert client.get("/trang/gioi-thieu//lich-su/").status_code == 404
    assert client.get("/trang/gioi-thieu/lich su/").status_code == 404


def test_moving_a_page_keeps_its_old_address_as_a_permanent_redirect(client, introduction):
    about, history, geography, founding = introduction
    history.slug = "qua-trinh-phat-trien"
    history.save()

    old = client.get("/trang/gioi-thieu/lich-su/")
    assert old.status_code == 301
    assert old["Location"] == "/trang/gioi-thieu/qua-trinh-phat-trien/"
    assert client.get(old["Location"]).status_code == 200


def test_moving_a_parent_moves_every_descendant_and_keeps_their_old_addresses(client, introduction):
    about, history, geography, founding = introduction
    about.slug = "ve-thi-xa"
    about.save()

    founding.refresh_from_db()
    assert founding.path == "ve-thi-xa/lich-su/thanh-lap"
    for old, new in [
        ("/trang/gioi-thieu/", "/trang/ve-thi-xa/"),
        ("/trang/gioi-thieu/lich-su/", "/trang/ve-thi-xa/lich-su/"),
        ("/trang/gioi-thieu/lich-su/thanh-lap/", "/trang/ve-thi-xa/lich-su/thanh-lap/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
        assert client.get(new).status_code == 200


def test_a_page_moved_twice_redirects_from_both_old_addresses_in_one_step(client, introduction):
    about, history, geography, founding = introduction
    geography.parent = None
    geography.save()
    geography.parent = history
    geography.slug = "dia-gioi"
    geography.save()

    for old in ["/trang/gioi-thieu/dia-ly/", "/trang/dia-ly/"]:
        response = client.get(old)
        # Straight to where it is now, never through the other old address.
        assert response["Location"] == "/trang/gioi-thieu/lich-su/dia-gioi/"
    assert client.get("/trang/gioi-thieu/lich-su/dia-gioi/").status_code == 200


def test_moving_back_serves_the_page_again_with_no_redirect_loop(client, introduction):
    about, history, geography, founding = introduction
    history.slug = "tam-thoi"
    history.save()
    history.slug = "lich-su"
    history.save()

    assert client.get("/trang/gioi-thieu/lich-su/").status_code == 200
    assert client.get("/trang/gioi-thieu/lich-su/thanh-lap/").status_code == 200
    moved = client.get("/trang/gioi-thieu/tam-thoi/thanh-lap/")
    assert moved["Location"] == "/trang/gioi-thieu/lich-su/thanh-lap/"
    assert not PageRedirect.objects.filter(old_path="gioi-thieu/lich-su").exists()


def test_a_new_page_taking_an_old_address_wins_over_the_redirect(client, introduction):
    about, history, geography, founding = introduction
    history.slug = "lich-su-cu"
    history.save()

    make_page(title="Lịch sử mới viết", slug="lich-su", parent=about)

    response = client.get("/trang/gioi-thieu/lich-su/")
    assert response.status_code == 200
    assert "Lịch sử mới viết" in response.content.decode()


def test_a_redirect_to_a_page_that_became_a_draft_is_a_404(client, introduction):
    about, history, geography, founding = introduction
    history.slug = "lich-su-cu"
    history.status = Page.Status.DRAFT
    history.save()

    assert client.get("/trang/gioi-thieu/lich-su/").status_code == 404


def test_a_page_cannot_go_under_itself_or_share_a_slug_with_a_sibling(introduction):
    about, history, geography, founding = introduction
    about.parent = founding
    with pytest.raises(ValidationError) as loop:
        about.full_clean()
    assert "parent" in loop.value.error_dict

    twin = Page(title="Trùng", slug="dia-ly", parent=about)
    with pytest.raises(ValidationError) as taken:
        twin.full_clean()
    assert "slug" in taken.value.error_dict
    # The same slug under another parent is another address.
    Page(title="Khác", slug="dia-ly", parent=history).full_clean()


def test_an_edit_shows_on_the_cached_page_and_its_parent_at_once(client, introduction):
    about, history, geography, founding = introduction
    assert client.get("/trang/gioi-thieu/lich-su/")["X-Page-Cache"] == "miss"
    assert client.get("/trang/gioi-thieu/")["X-Page-Cache"] == "miss"
    assert client.get("/trang/gioi-thieu/lich-su/")["X-Page-Cache"] == "hit"

    history.title = "Lịch sử trăm năm"
    history.save()

    assert "Lịch sử trăm năm" in client.get("/trang/gioi-thieu/lich-su/").content.decode()
    assert "Lịch sử trăm năm" in client.get("/trang/gioi-thieu/").content.decode()


def test_the_update_time_is_valid_html_to_the_second(client):
    make_page(slug="gio")

    html = client.get("/trang/gio/").content.decode()

    # The row's time has microseconds; HTML's datetime takes at most milliseconds.
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00">', html)


def test_a_cover_is_stored_without_metadata_and_shown_resized(client):
    page = make_page(slug="anh", cover=image_upload(size=(1600, 900)), cover_caption="Cầu mới")

    assert page.cover_large.name.endswith(".webp")
    html = client.get("/trang/anh/").content.decode()
    # Renditions of the cover, the widest 1280 px; never the 1600 px upload itself.
    stem = page.cover.url.rsplit(".", 1)[0]
    tag = re.search(r'<img src="[^"]*" srcset="([^"]*)"[^>]*alt="Cầu mới"[^>]*>', html)
    assert tag, html
    assert tag[1].startswith(f"{stem}.w160.webp 160w") and tag[1].endswith(".w1280.webp 1280w")
    assert page.cover.url not in tag[0]
    assert 'width="1600" height="900"' in tag[0]
