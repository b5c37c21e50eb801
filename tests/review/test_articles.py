"""Articles go through review: editors write and send, approvers of the category publish,
return or withdraw; readers see only what was published, at its time."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from factories import article_form_data as form_data
from factories import make_article, make_category

from news.models import Article
from review import services
from review.models import ReviewState

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def review_url(article):
    return reverse("admin:news_article_review", args=[article.pk])


def test_an_editor_saves_and_sends_for_approval_but_a_typed_status_is_ignored(editor_client):
    category = make_category()
    draft = make_article(category=category, status=ReviewState.DRAFT)
    response = editor_client.post(
        change_url(draft),
        form_data(draft, title="Tiêu đề mới", status="published", _submit_for_review="1"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề mới"
    assert draft.status == ReviewState.SUBMITTED
    assert not draft.is_public


def test_an_editor_cannot_publish_by_posting_the_move(editor_client, editor, client):
    article = make_article(status=ReviewState.SUBMITTED)
    response = editor_client.post(review_url(article), {"move": "publish"}, follow=True)
    article.refresh_from_db()
    assert article.status == ReviewState.SUBMITTED
    assert "Bạn không được duyệt bài viết thuộc phạm vi này." in response.content.decode()
    with pytest.raises(services.ReviewDenied):
        services.publish(user=editor, item=article)
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_an_editor_may_not_change_a_submitted_or_published_article(editor_client):
    for state in (ReviewState.SUBMITTED, ReviewState.PUBLISHED):
        article = make_article(status=state, title="Bản gốc")
        response = editor_client.post(change_url(article), form_data(article, title="Sửa lén"))
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.title == "Bản gốc"
        # The page is still there to read.
        assert editor_client.get(change_url(article)).status_code == 200


def test_an_approver_publishes_only_in_their_categories(make_approver, client, logged_in):
    mine, other = make_category(name="Kinh tế"), make_category(name="Văn hóa")
    approver = make_approver("duyetkinhte", mine)
    in_scope = make_article(category=mine, status=ReviewState.SUBMITTED)
    out_of_scope = make_article(category=other, status=ReviewState.SUBMITTED)
    browser = logged_in(approver)

    browser.post(review_url(in_scope), {"move": "publish"})
    response = browser.post(review_url(out_of_scope), {"move": "publish"}, follow=True)

    in_scope.refresh_from_db()
    out_of_scope.refresh_from_db()
    assert in_scope.status == ReviewState.PUBLISHED and in_scope.reviewed_by == approver
    assert out_of_scope.status == ReviewState.SUBMITTED
    assert "Bạn không được duyệt" in response.content.decode()
    assert client.get(in_scope.get_absolute_url()).status_code == 200
    assert client.get(out_of_scope.get_absolute_url()).status_code == 404


def test_a_sub_category_belongs_to_its_parent_approver(make_approver):
    parent = make_category(name="Tin tức")
    child = make_category(name="Tin phường", parent=parent)
    approver = make_approver("duyettintuc", parent)
    article = make_article(category=child, status=ReviewState.SUBMITTED)
    services.publish(user=approver, item=article)
    assert Article.objects.get(pk=article.pk).status == ReviewState.PUBLISHED


def test_an_approver_cannot_move_a_live_article_out_of_their_categories(make_approver, logged_in):
    mine, other = make_category(), make_category()
    approver = make_approver("duyet1", mine)
    article = make_article(category=mine)
    browser = logged_in(approver)
    response = browser.post(change_url(article), form_data(article, category=other.pk))
    assert response.status_code == 200
    assert "Bạn không được duyệt bài viết trong phạm vi này." in response.content.decode()
    article.refresh_from_db()
    assert article.category == mine


def test_approval_through_a_group_counts(make_approver, django_user_model):
    from django.contrib.auth.models import Group

    from news.models import CategoryApprover

    category = make_category()
    board = Group.objects.create(name="Ban biên tập")
    CategoryApprover.objects.create(category=category, group=board)
    member = make_approver("thanhvien")
    member.groups.add(board)
    article = make_article(category=category, status=ReviewState.SUBMITTED)
    services.publish(user=member, item=article)
    assert Article.objects.get(pk=article.pk).status == ReviewState.PUBLISHED


def test_a_returned_article_keeps_the_comment_and_its_editor_sees_it(
    make_approver, editor, editor_client, logged_in
):
    category = make_category()
    approver = make_approver("duyet2", category)
    article = make_article(category=category, status=ReviewState.DRAFT)
    services.submit(user=editor, item=article)

    browser = logged_in(approver)
    comment = "Sapo quá dài; thêm nguồn ảnh.\nKiểm tra lại tên đơn vị."
    browser.post(review_url(article), {"move": "return", "comment": comment})

    article.refresh_from_db()
    assert article.status == ReviewState.RETURNED
    assert article.review_comment == comment
    home = editor_client.get(reverse("admin:index")).content.decode()
    assert "1 bài viết của bạn bị trả lại" in home
    returned = editor_client.get(
        reverse("admin:news_article_changelist") + "?duyet=tra-lai-cho-toi"
    ).content.decode()
    assert article.title in returned
    page = editor_client.get(change_url(article)).content.decode()
    assert "Sapo quá dài; thêm nguồn ảnh.<br>Kiểm tra lại tên đơn vị." in page
    # Fixed and sent again: the comment stays on record in the revisions, the item is clean.
    services.submit(user=editor, item=article)
    article.refresh_from_db()
    assert article.status == ReviewState.SUBMITTED and article.review_comment == ""


def test_returning_without_a_comment_is_refused(make_approver):
    category = make_category()
    approver = make_approver("duyet3", category)
    article = make_article(category=category, status=ReviewState.SUBMITTED)
    with pytest.raises(services.ReviewError, match="Hãy ghi ý kiến"):
        services.return_to_editor(user=approver, item=article, comment="  ")
    assert Article.objects.get(pk=article.pk).status == ReviewState.SUBMITTED


def test_a_withdrawn_article_leaves_every_public_page(make_approver, client):
    category = make_category(name="Thông báo")
    approver = make_approver("duyet4", category)
    article = make_article(category=category, title="Thông báo cắt điện khu phố 3")
    assert client.get("/").content.decode().count(article.title) >= 1

    services.withdraw(user=approver, item=article, comment="Sai lịch")

    # Its own address is a 404 (whose page names the address asked for).
    assert client.get(article.get_absolute_url()).status_code == 404
    pages = [
        "/",
        category.get_absolute_url(),
        reverse("news:search") + "?q=cat+dien",
        reverse("news:feed"),
        reverse("news:category_feed", kwargs={"slug": category.slug}),
        "/sitemap-articles.xml",
    ]
    for url in pages:
        response = client.get(url)
        assert article.title not in response.content.decode(), url
        assert article.slug not in response.content.decode(), url


@pytest.mark.parametrize("state", [ReviewState.SUBMITTED, ReviewState.RETURNED, "withdrawn"])
def test_only_published_articles_are_public(client, state):
    hidden = make_article(status=state, title="Bài chưa được duyệt")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert list(Article.objects.published()) == []


def test_approving_a_scheduled_article_keeps_its_time(make_approver, client):
    category = make_category()
    approver = make_approver("duyet5", category)
    later = timezone.now() + timedelta(hours=3)
    article = make_article(category=category, status=ReviewState.SUBMITTED, published_at=later)
    services.publish(user=approver, item=article)
    article.refresh_from_db()
    assert article.published_at == later
    assert not article.is_public
    assert Article.objects.next_publication_time() == later
    assert client.get(article.get_absolute_url()).status_code == 404


def test_approving_an_old_draft_makes_it_public_from_now(make_approver):
    category = make_category()
    approver = make_approver("duyet6", category)
    written = timezone.now() - timedelta(days=3)
    article = make_article(category=category, status=ReviewState.SUBMITTED, published_at=written)
    before = timezone.now()
    services.publish(user=approver, item=article)
    article.refresh_from_db()
    assert article.published_at >= before and article.is_public


def test_the_second_of_two_moves_on_the_same_article_is_told_what_happened(make_approver):
    category = make_category()
    first, second = make_approver("duyet7", category), make_approver("duyet8", category)
    article = make_article(category=category, status=ReviewState.SUBMITTED)
    stale = Article.objects.get(pk=article.pk)
    services.publish(user=first, item=article)
    with pytest.raises(services.ReviewConflict) as refused:
        services.return_to_editor(user=second, item=stale, comment="Cần sửa")
    assert "vừa được người khác xử lý" in refused.value.message
    assert "Đã xuất bản" in refused.value.message
    assert Article.objects.get(pk=article.pk).status == ReviewState.PUBLISHED


def test_approvers_see_on_the_admin_home_only_what_waits_in_their_categories(
    make_approver, logged_in
):
    mine, other = make_category(), make_category()
    approver = make_approver("duyet9", mine)
    for _ in range(2):
        make_article(category=mine, status=ReviewState.SUBMITTED)
    make_article(category=mine, status=ReviewState.DRAFT)
    for _ in range(3):
        make_article(category=other, status=ReviewState.SUBMITTED)
    browser = logged_in(approver)
    home = browser.get(reverse("admin:index")).content.decode()
    assert "2 bài viết chờ bạn duyệt" in home
    listing = browser.get(reverse("admin:news_article_changelist") + "?duyet=cho-toi")
    assert listing.content.decode().count('class="action-select"') == 2


def test_an_editor_is_not_told_about_articles_to_approve(editor_client):
    make_article(status=ReviewState.SUBMITTED)
    assert "chờ bạn duyệt" not in editor_client.get(reverse("admin:index")).content.decode()


def test_a_new_article_starts_as_a_draft_even_for_a_superuser(django_user_model, logged_in):
    superuser = django_user_model.objects.create_superuser("qt", "qt@example.org", "mat-khau-qt")
    browser = logged_in(superuser)
    category = make_category()
    template = Article(title="Tin mới", category=category, published_at=timezone.now())
    data = form_data(template, slug="", status="published")
    response = browser.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.status == ReviewState.DRAFT
    services.publish(user=superuser, item=article)
    assert Article.objects.get().is_public


def test_publishing_from_a_page_opened_before_the_article_was_returned_is_refused(
    make_approver, logged_in
):
    category = make_category()
    first, second = make_approver("duyet10", category), make_approver("duyet11", category)
    article = make_article(category=category, status=ReviewState.SUBMITTED)
    page = logged_in(second).get(reverse("admin:news_article_change", args=[article.pk]))
    assert 'name="seen_state" value="submitted"' in page.content.decode()

    services.return_to_editor(user=first, item=article, comment="Thiếu ảnh")
    response = logged_in(second).post(
        review_url(article), {"move": "publish", "seen_state": "submitted"}, follow=True
    )

    assert "vừa được người khác xử lý" in response.content.decode()
    article.refresh_from_db()
    assert article.status == ReviewState.RETURNED and article.review_comment == "Thiếu ảnh"


def test_an_edit_saved_after_an_approval_does_not_undo_it(make_approver, editor):
    category = make_category()
    approver = make_approver("duyet12", category)
    article = make_article(category=category, status=ReviewState.SUBMITTED)
    editors_copy = Article.objects.get(pk=article.pk)  # loaded before the approval

    services.publish(user=approver, item=article)
    editors_copy.author_line = "Phòng Văn hóa"
    services.save_with_revision(user=editor, item=editors_copy)

    article.refresh_from_db()
    assert article.status == ReviewState.PUBLISHED and article.reviewed_by == approver
    assert article.author_line == "Phòng Văn hóa"
