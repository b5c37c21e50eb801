"""The town's pages under review: editors write and send them, approvers (pages.approve_page)
publish, return or withdraw them; readers, the menu, the site map and the sitemap see a page only
when it and every page above it are published."""

import pytest
from django.urls import reverse
from factories import make_menu_entry, make_page, page_form_data
from reversion.models import Version
from sitemap_text import whole_sitemap

from pages.models import Page
from review import services
from review.models import ReviewState

pytestmark = pytest.mark.django_db


def change_url(page):
    return reverse("admin:pages_page_change", args=[page.pk])


def review_url(page):
    return reverse("admin:pages_page_review", args=[page.pk])


def menu_html(client, url="/"):
    html = client.get(url).content.decode()
    start = html.index('<nav class="menu"')
    return html[start : html.index("</nav>", start)]


@pytest.fixture
def approver(make_approver):
    # Through the group alone: portal/staff.py gives approvers pages.approve_page.
    return make_approver("duyettrang")


@pytest.fixture
def about(db):
    """A published page in the menu, its sub-entry waiting for the page "Lịch sử"."""
    about = make_page(title="Giới thiệu", slug="gioi-thieu")
    make_menu_entry(kind="page", page=about, order=1)
    return about


def test_editors_write_and_send_pages_and_approvers_publish_them(editor, approver):
    assert editor.has_perm("pages.change_page") and editor.has_perm("pages.restore_page")
    assert not editor.has_perm("pages.approve_page")
    assert approver.has_perm("pages.approve_page") and approver.has_perm("pages.change_page")


def test_an_editor_cannot_publish_a_page_even_by_a_forged_post(
    editor, editor_client, client, about
):
    added = editor_client.post(
        reverse("admin:pages_page_add"),
        page_form_data(
            title="Lịch sử", slug="lich-su", parent=about.pk, status="published",
            _submit_for_review="1",
        ),
    )  # fmt: skip
    assert added.status_code == 302, added.content.decode()[:3000]
    history = Page.objects.get(slug="lich-su")
    # The typed state is no field of the form: the page waits for an approver.
    assert history.status == ReviewState.SUBMITTED and history.submitted_by == editor

    forged = editor_client.post(review_url(history), {"move": "publish"}, follow=True)
    assert "Bạn không được duyệt trang thuộc phạm vi này." in forged.content.decode()
    with pytest.raises(services.ReviewDenied):
        services.publish(user=editor, item=history)
    # Nor by saving the page once it waits: it is the approver's now.
    edited = editor_client.post(
        change_url(history), page_form_data(history, title="Sửa lén", status="published")
    )
    assert edited.status_code == 403

    history.refresh_from_db()
    assert (history.status, history.title) == (ReviewState.SUBMITTED, "Lịch sử")
    client.logout()
    assert client.get(history.get_absolute_url()).status_code == 404


def test_an_approver_publishes_a_page_and_readers_see_it_on_pages_already_cached(
    editor, approver, logged_in, client, about
):
    history = make_page(title="Lịch sử hình thành", slug="lich-su", parent=about, status="draft")
    make_menu_entry(
        kind="page", page=history, parent=about.menu_entries.get(), label="Lịch sử thị xã"
    )
    services.submit(user=editor, item=history)
    for url in ("/", about.get_absolute_url()):
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
    assert "Lịch sử" not in menu_html(client)

    moved = logged_in(approver).post(
        review_url(history), {"move": "publish", "seen_state": "submitted"}, follow=True
    )

    assert "Lịch sử hình thành: đã duyệt và xuất bản." in moved.content.decode()
    history.refresh_from_db()
    assert history.status == ReviewState.PUBLISHED and history.reviewed_by == approver
    assert "Lịch sử thị xã" in menu_html(client)
    assert "Lịch sử hình thành" in client.get(about.get_absolute_url()).content.decode()
    assert client.get(history.get_absolute_url()).status_code == 200
    assert "/trang/gioi-thieu/lich-su/" in whole_sitemap(client)


def test_an_approver_sees_pages_waiting_on_the_admin_home_and_an_editor_does_not(
    approver, logged_in, editor_client
):
    make_page(status=ReviewState.SUBMITTED)
    make_page(status=ReviewState.DRAFT)
    assert (
        "1 trang chờ bạn duyệt" in logged_in(approver).get(reverse("admin:index")).content.decode()
    )
    assert "chờ bạn duyệt" not in editor_client.get(reverse("admin:index")).content.decode()
    waiting = logged_in(approver).get(reverse("admin:pages_page_changelist") + "?duyet=cho-toi")
    assert waiting.context["cl"].result_count == 1


def test_a_returned_page_keeps_the_comment_and_its_editor_reads_it(
    editor, editor_client, approver, logged_in
):
    page = make_page(title="Tuyên bố về khả năng tiếp cận", status=ReviewState.DRAFT)
    services.submit(user=editor, item=page)
    comment = "Thiếu số điện thoại để báo lỗi.\nGhi rõ ngày đánh giá."

    logged_in(approver).post(review_url(page), {"move": "return", "comment": comment})

    page.refresh_from_db()
    assert page.status == ReviewState.RETURNED and page.review_comment == comment
    assert (
        "1 trang của bạn bị trả lại" in editor_client.get(reverse("admin:index")).content.decode()
    )
    html = editor_client.get(change_url(page)).content.decode()
    assert "Thiếu số điện thoại để báo lỗi.<br>Ghi rõ ngày đánh giá." in html
    assert 'name="_submit_for_review"' in html
    # Fixed and sent again: the item is clean, the comment stays in the revisions.
    services.submit(user=editor, item=page)
    page.refresh_from_db()
    assert page.status == ReviewState.SUBMITTED and page.review_comment == ""
    assert any(comment in v.revision.comment for v in Version.objects.get_for_object(page))


def test_restoring_a_revision_gives_back_the_exact_earlier_title_and_body(editor, logged_in):
    # Accents in both Unicode forms, an entity, a non-breaking space and a table.
    body = (
        "<p>Thị xã có 6 phường và 4 xã;\u00a0diện tích &amp; dân số:</p>\n<table><tbody><tr>"
        "<td>Ho\u0300a Bi\u0300nh</td><td>1.234 ha</td></tr></tbody></table>"
    )
    page = make_page(title="Vị trí “địa lý”", body=body, status=ReviewState.DRAFT)
    browser = logged_in(editor)

    def admin_save(**changes):
        saved = browser.post(change_url(page), page_form_data(page, **changes))
        assert saved.status_code == 302, saved.content.decode()[:3000]
        page.refresh_from_db()

    admin_save()  # the revision to come back to
    earlier_body = page.body
    admin_save(title="Địa giới mới", lead="Tóm tắt mới.", body="<p>Viết lại.</p>")
    assert (page.title, page.body) == ("Địa giới mới", "<p>Viết lại.</p>")
    oldest = Version.objects.get_for_object(page).order_by("pk").first()

    restored = browser.post(
        reverse("admin:pages_page_restore", args=[page.pk, oldest.pk]), follow=True
    )

    assert "Đã khôi phục phiên bản cũ." in restored.content.decode()
    page = Page.objects.get(pk=page.pk)
    assert page.title.encode() == "Vị trí “địa lý”".encode()
    assert page.body.encode() == earlier_body.encode() == oldest.field_dict["body"].encode()
    assert "Ho\u0300a Bi\u0300nh" in page.body and page.lead == ""
    assert page.status == ReviewState.DRAFT  # an editor's restore still waits for approval
    history = browser.get(reverse("admin:pages_page_revisions", args=[page.pk])).content.decode()
    assert "<ins>Địa giới mới</ins>" in history


@pytest.mark.parametrize(
    "state",
    [ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.RETURNED, ReviewState.WITHDRAWN],
)
def test_a_page_not_published_is_on_no_public_page_nor_in_the_menu(client, about, state):
    hidden = make_page(title="Trang chưa duyệt", slug="chua-duyet", status=state)
    below = make_page(title="Trang con đã duyệt", slug="con", parent=hidden)
    top = make_menu_entry(kind="page", page=hidden, order=2)
    make_menu_entry(label="Mục con", kind="link", url="/van-ban/", parent=top)
    make_menu_entry(kind="page", page=below, parent=about.menu_entries.get())

    nav = menu_html(client)
    assert "Giới thiệu" in nav
    assert "Trang chưa duyệt" not in nav and "Mục con" not in nav
    # A published page under one not published is hidden too, in the menu as everywhere.
    assert "Trang con đã duyệt" not in nav
    for page in (hidden, below):
        assert client.get(page.get_absolute_url()).status_code == 404
    shown = [
        client.get(url).content.decode()
        for url in (reverse("pages:site_map"), about.get_absolute_url())
    ]
    for html in [*shown, whole_sitemap(client)]:
        assert "chua-duyet" not in html and "Trang chưa duyệt" not in html


def test_a_withdrawn_page_leaves_the_menu_of_pages_already_cached(approver, client, about):
    url = about.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert "Giới thiệu" in menu_html(client, url)

    services.withdraw(user=approver, item=about, comment="Số liệu dân số cũ.")

    assert client.get(url).status_code == 404
    assert "Giới thiệu" not in menu_html(client)


def test_deleting_a_page_is_on_the_audit_record(approver, logged_in):
    from audit.models import AuditEntry

    page = make_page(title="Trang sẽ xoá", status=ReviewState.DRAFT)
    # Only what this deletion wrote: entries other tests committed may still be in the log.
    earlier = list(AuditEntry.objects.values_list("pk", flat=True))
    deleted = logged_in(approver).post(
        reverse("admin:pages_page_delete", args=[page.pk]), {"post": "yes"}
    )
    assert deleted.status_code == 302
    entry = AuditEntry.objects.exclude(pk__in=earlier).get(action=AuditEntry.Action.DELETE)
    assert entry.actor == approver and "Trang sẽ xoá" in entry.target_text
