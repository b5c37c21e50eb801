"""The admin home tells staff what waits for them (core.staffhome), and only what they may do."""

import pytest
from django.urls import reverse
from factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_a_moderator_sees_how_many_comments_wait_and_reaches_them_in_one_click(client, moderator):
    article = make_article()
    for _number in range(3):
        make_comment(article)
    make_comment(article, status="approved")
    client.force_login(moderator)

    page = client.get(reverse("admin:index")).content.decode()

    pending = reverse("admin:ratings_comment_changelist") + "?status__exact=pending"
    assert f'<a href="{pending}">3 bình luận chờ duyệt</a>' in page


def test_the_count_follows_moderation(client, moderator):
    article = make_article()
    waiting = make_comment(article)
    make_comment(article)
    client.force_login(moderator)
    assert "2 bình luận chờ duyệt" in client.get(reverse("admin:index")).content.decode()
    client.post(
        reverse("admin:ratings_comment_changelist"),
        {"action": "approve", "_selected_action": [waiting.pk]},
    )
    assert "1 bình luận chờ duyệt" in client.get(reverse("admin:index")).content.decode()


def test_nothing_waiting_shows_no_list(client, moderator):
    make_comment(make_article(), status="approved")
    client.force_login(moderator)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Việc đang chờ" not in page
    assert "chờ duyệt" not in page


def test_staff_who_may_not_moderate_are_not_told_about_comments(client, editor):
    make_comment(make_article())
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "bình luận chờ duyệt" not in page
    assert "Việc đang chờ" not in page


def test_an_app_registers_its_own_waiting_work(client, moderator, editor):
    from core import staffhome

    staffhome.register_waiting_work(
        "tests.questions",
        singular="%(count)d câu hỏi chờ trả lời",
        plural="%(count)d câu hỏi chờ trả lời",
        count=lambda: 5,
        url=lambda: "/admin/hoi-dap/",
        permission="news.change_article",
    )
    try:
        client.force_login(editor)
        assert "5 câu hỏi chờ trả lời" in client.get(reverse("admin:index")).content.decode()
        client.force_login(moderator)
        assert "câu hỏi" not in client.get(reverse("admin:index")).content.decode()
    finally:
        staffhome._waiting.pop("tests.questions")
