"""Every save keeps a revision (who, when, what changed); staff with the permission restore one,
and the restore gives back the exact earlier text, through review."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from factories import article_form_data, make_article, make_category
from reversion.models import Version

from news.models import Article
from review import revisions, services
from review.models import ReviewState

pytestmark = pytest.mark.django_db

# Text a sanitiser or a careless copy could alter: accents in both Unicode forms, entities,
# non-breaking and zero-width-joined spaces, a table and line ends.
ORIGINAL_BODY = (
    "<p>Ủy ban nhân dân thị xã thông báo: đường Lê Lợi &amp; Trần Phú tạm\u00a0ngừng"
    " lưu thông.</p>\n<table><tbody><tr><td>Giờ</td><td>07:00–11:30</td></tr></tbody>"
    "</table>\n<p>Ho\u0300a Bi\u0300nh – “dấu ngoặc” ‘đơn’ — <strong>ưu tiên</strong></p>"
)


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def admin_save(browser, article, **changes):
    response = browser.post(change_url(article), article_form_data(article, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.fixture
def restorer(editor):
    # Editors hold it through their group (portal/staff.py); a restore still goes through review.
    assert editor.has_perm("news.restore_article")
    return editor


def test_each_admin_save_keeps_a_revision_with_who_and_a_readable_diff(editor, logged_in):
    article = make_article(status=ReviewState.DRAFT, lead="Sapo cũ.", body="<p>Đoạn một.</p>")
    browser = logged_in(editor)
    admin_save(browser, article, lead="Sapo mới.", body="<p>Đoạn một.</p><p>Đoạn hai.</p>")
    article.refresh_from_db()
    admin_save(browser, article, title="Tiêu đề đã sửa")

    entries = revisions.history(article)
    assert len(entries) == 2
    newest, first = entries
    assert newest.revision.user == editor and first.revision.user == editor
    assert [change.label for change in newest.changes] == ["Tiêu đề"]
    lead_change = next(change for change in first.changes if change.label.startswith("Tóm tắt"))
    assert ("-", "Sapo cũ.") not in lead_change.lines  # the first revision has nothing before
    page = browser.get(reverse("admin:news_article_revisions", args=[article.pk])).content
    page = page.decode()
    assert "bientap" in page
    assert "<del>" not in page or "Tiêu đề" in page
    assert "<ins>Tiêu đề đã sửa</ins>" in page


def test_the_diff_shows_removed_and_added_lines_of_the_body():
    diff = revisions.field_diff("Nội dung", "<p>Một.</p><p>Hai.</p>", "<p>Một.</p><p>Ba.</p>")
    assert ("-", "<p>Hai.</p>") in diff.lines
    assert ("+", "<p>Ba.</p>") in diff.lines
    assert revisions.field_diff("Nội dung", "<p>A</p>", "<p>A</p>") is None


def test_restore_gives_back_the_exact_earlier_text_byte_for_byte(restorer, logged_in):
    article = make_article(
        status=ReviewState.DRAFT, title="Phân luồng giao thông", lead="Sapo “gốc”.",
        body=ORIGINAL_BODY,
    )  # fmt: skip
    saved_body = Article.objects.get(pk=article.pk).body
    browser = logged_in(restorer)
    admin_save(browser, article, body=ORIGINAL_BODY)  # the revision to come back to
    article.refresh_from_db()
    admin_save(browser, article, title="Tiêu đề khác", lead="Sapo khác.", body="<p>Khác.</p>")
    assert Article.objects.get(pk=article.pk).body == "<p>Khác.</p>"

    oldest = Version.objects.get_for_object(article).order_by("pk").first()
    response = browser.post(
        reverse("admin:news_article_restore", args=[article.pk, oldest.pk]), follow=True
    )
    assert "Đã khôi phục phiên bản cũ." in response.content.decode()

    restored = Article.objects.get(pk=article.pk)
    assert restored.title == "Phân luồng giao thông"
    assert restored.lead.encode() == "Sapo “gốc”.".encode()
    assert restored.body.encode() == saved_body.encode()
    assert restored.body.encode() == oldest.field_dict["body"].encode()
    # The restore is itself on record, and can be undone the same way.
    assert Version.objects.get_for_object(article).count() == 3


def test_an_editor_restoring_a_published_article_is_refused_so_readers_see_nothing_unapproved(
    restorer, logged_in, client
):
    article = make_article(title="Bản đã duyệt", status=ReviewState.DRAFT)
    services.save_with_revision(user=restorer, item=article)
    version = Version.objects.get_for_object(article).first()
    Article.objects.filter(pk=article.pk).update(status=ReviewState.PUBLISHED, title="Bản mới")
    article.refresh_from_db()

    with pytest.raises(services.ReviewDenied, match="chỉ người duyệt"):
        services.restore_revision(user=restorer, item=article, version=version)
    assert Article.objects.get(pk=article.pk).title == "Bản mới"
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_editor_restoring_a_returned_article_gets_a_draft_in_its_earlier_category(restorer):
    first_category, second_category = make_category(), make_category()
    article = make_article(title="Bản một", category=first_category, status=ReviewState.DRAFT)
    services.save_with_revision(user=restorer, item=article)
    version = Version.objects.get_for_object(article).first()
    article.title = "Bản hai"
    article.category = second_category
    article.status = ReviewState.RETURNED
    article.save()
    services.restore_revision(user=restorer, item=article, version=version)
    article.refresh_from_db()
    assert (article.title, article.status) == ("Bản một", ReviewState.DRAFT)
    assert article.category == first_category


def test_an_approver_restoring_a_published_article_keeps_it_published(
    make_approver, django_user_model, client
):
    category = make_category()
    approver = make_approver("duyetkhoiphuc", category)
    approver.user_permissions.add(Permission.objects.get(codename="restore_article"))
    article = make_article(category=category, title="Đúng", status=ReviewState.DRAFT)
    services.save_with_revision(user=approver, item=article)
    version = Version.objects.get_for_object(article).first()
    Article.objects.filter(pk=article.pk).update(status=ReviewState.PUBLISHED, title="Sai")
    services.restore_revision(
        user=approver, item=Article.objects.get(pk=article.pk), version=version
    )
    article.refresh_from_db()
    assert (article.title, article.status) == ("Đúng", ReviewState.PUBLISHED)
    assert "Đúng" in client.get(article.get_absolute_url()).content.decode()


def test_without_the_permission_there_is_no_restore(django_user_model, logged_in):
    writer = django_user_model.objects.create_user("congtacvien", is_staff=True)
    writer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article"])
    )
    article = make_article(status=ReviewState.DRAFT)
    services.save_with_revision(user=writer, item=article)
    version = Version.objects.get_for_object(article).first()
    browser = logged_in(writer)
    page = browser.get(reverse("admin:news_article_revisions", args=[article.pk])).content
    assert "Khôi phục phiên bản này".encode() not in page
    url = reverse("admin:news_article_restore", args=[article.pk, version.pk])
    assert browser.post(url).status_code == 403
