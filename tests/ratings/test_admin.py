"""Moderating comments in the admin: who may, bulk actions, replies, the article's own page."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from factories import make_article, make_comment, make_vote

from portal.staff import MODERATORS
from ratings.models import Comment

CHANGELIST = "admin:ratings_comment_changelist"


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.mark.django_db
def test_a_moderator_lists_pending_comments_with_their_article(moderator_client):
    article = make_article(title="Hội nghị giao ban quý II")
    make_comment(article, text="Ý kiến đang chờ")
    make_comment(article, text="Ý kiến đã duyệt", status="approved")

    response = moderator_client.get(reverse(CHANGELIST), {"status__exact": "pending"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ý kiến đang chờ" in page and "Hội nghị giao ban quý II" in page
    assert "Ý kiến đã duyệt" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "found"),
    [("đường", "Sửa đường làng"), ("Trần Thị", "Ý kiến của chị Bình"), ("192.0.2.55", "Từ IP lạ")],
)
def test_a_moderator_searches_by_text_name_or_ip(moderator_client, query, found):
    article = make_article()
    make_comment(article, text="Sửa đường làng")
    make_comment(article, text="Ý kiến của chị Bình", name="Trần Thị Bình")
    make_comment(article, text="Từ IP lạ", ip="192.0.2.55")

    page = moderator_client.get(reverse(CHANGELIST), {"q": query}).content.decode()

    assert found in page
    assert page.count('class="action-select"') == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "status"), [("approve", "approved"), ("reject", "rejected"), ("mark_spam", "spam")]
)
def test_a_moderator_approves_rejects_or_marks_spam_in_bulk(moderator_client, action, status):
    article = make_article()
    comments = [make_comment(article), make_comment(article)]
    untouched = make_comment(article)

    response = moderator_client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
    )

    assert response.status_code == 302
    assert set(Comment.objects.filter(status=status).values_list("pk", flat=True)) == {
        comment.pk for comment in comments
    }
    untouched.refresh_from_db()
    assert untouched.status == "pending"


@pytest.mark.django_db
def test_an_approved_comment_appears_on_the_article(moderator_client, client):
    article = make_article()
    comment = make_comment(article, text="Xin cảm ơn ban biên tập")
    moderator_client.post(
        reverse(CHANGELIST), {"action": "approve", "_selected_action": [comment.pk]}
    )
    moderator_client.logout()

    assert "Xin cảm ơn ban biên tập" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_comment_deleted_in_the_admin_leaves_the_article_page_at_once(
    moderator_client, django_capture_on_commit_callbacks
):
    reader = Client()
    article = make_article()
    make_comment(article, text="Ý kiến vẫn giữ lại", status="approved")
    removed = make_comment(article, text="Lời lẽ xúc phạm cần xoá", status="approved")
    assert "Lời lẽ xúc phạm cần xoá" in reader.get(article.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            reverse(CHANGELIST),
            {"action": "delete_selected", "_selected_action": [removed.pk], "post": "yes"},
        )

    assert response.status_code == 302
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "Lời lẽ xúc phạm cần xoá" not in page
    assert "Ý kiến vẫn giữ lại" in page


@pytest.mark.django_db
def test_rejecting_the_only_public_comment_empties_the_article_comments(
    moderator_client, django_capture_on_commit_callbacks
):
    reader = Client()
    article = make_article()
    comment = make_comment(article, text="Bình luận duy nhất", status="approved")
    assert "Bình luận duy nhất" in reader.get(article.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            reverse(CHANGELIST), {"action": "reject", "_selected_action": [comment.pk]}
        )

    page = reader.get(article.get_absolute_url()).content.decode()
    assert "Bình luận duy nhất" not in page
    assert "Chưa có bình luận nào." in page


@pytest.mark.django_db
def test_a_staff_reply_is_signed_and_shown_as_the_towns_answer(moderator_client, moderator, client):
    article = make_article()
    comment = make_comment(article, status="approved", text="Khi nào sửa cầu?")
    url = reverse("admin:ratings_comment_change", args=[comment.pk])

    response = moderator_client.post(
        url, {"status": "approved", "reply": "Dự kiến khởi công trong quý III."}
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.replied_by == moderator and comment.replied_at is not None
    moderator_client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Trả lời chính thức của" in page and "Dự kiến khởi công trong quý III." in page


@pytest.mark.django_db
def test_moderators_cannot_add_comments_or_rewrite_what_readers_wrote(moderator_client):
    article = make_article()
    comment = make_comment(article, text="Lời bạn đọc")

    assert moderator_client.get(reverse("admin:ratings_comment_add")).status_code == 403
    moderator_client.post(
        reverse("admin:ratings_comment_change", args=[comment.pk]),
        {"status": "pending", "reply": "", "text": "Lời đã bị sửa"},
    )
    comment.refresh_from_db()
    assert comment.text == "Lời bạn đọc"


@pytest.mark.django_db
def test_editors_cannot_moderate_comments(editor_client):
    article = make_article()
    comment = make_comment(article)

    assert editor_client.get(reverse(CHANGELIST)).status_code == 403
    response = editor_client.post(
        reverse(CHANGELIST), {"action": "approve", "_selected_action": [comment.pk]}
    )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == "pending"


@pytest.mark.django_db
def test_the_article_page_in_the_admin_shows_figures_and_comments_only_to_moderators(
    editor, editor_client
):
    article = make_article()
    make_vote(article, stars=5)
    make_vote(article, stars=4)
    make_comment(article, text="Bình luận trong khung bài viết")
    url = reverse("admin:news_article_change", args=[article.pk])

    page = editor_client.get(url).content.decode()
    assert "lượt đánh giá: 2, trung bình: 4,5" in page
    assert "Bình luận trong khung bài viết" not in page

    editor.groups.add(Group.objects.get(name=MODERATORS))
    page = editor_client.get(url).content.decode()
    assert "Bình luận trong khung bài viết" in page
