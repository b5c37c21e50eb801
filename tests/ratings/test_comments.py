"""Comments: a captcha with one try per key, moderation first, escaped text, abuse refused."""

import re
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse
from django.utils import timezone
from factories import make_article, make_comment, make_vote

from ratings import services
from ratings.models import Comment

JSON = {"HTTP_ACCEPT": "application/json"}
WRONG_CAPTCHA = "Mã xác thực không đúng."
PENDING_NOTICE = "Bình luận của bạn đang chờ kiểm duyệt"


def feedback_url(article):
    return reverse("ratings:feedback", kwargs={"slug": article.slug})


def captcha_key(html):
    return re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)


def solved_captcha(client, article):
    """A captcha as a reader gets it on the feedback page, with the right answer."""
    key = captcha_key(client.get(feedback_url(article)).content.decode())
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def comment_data(client, article, **fields):
    data = {"name": "Nguyễn Văn An", "email": "an@example.com", "text": "Bài viết hữu ích."}
    data.update(solved_captcha(client, article))
    data.update(fields)
    return data


def post_comment(client, article, data, ip="198.51.100.20", **extra):
    url = reverse("ratings:comment", kwargs={"slug": article.slug})
    return client.post(url, data, REMOTE_ADDR=ip, **extra)


@pytest.mark.django_db
def test_a_comment_with_the_right_captcha_is_held_for_moderation(client):
    article = make_article()

    response = post_comment(client, article, comment_data(client, article), follow=True)

    assert response.redirect_chain == [(feedback_url(article), 302)]
    assert PENDING_NOTICE in response.content.decode()
    comment = Comment.objects.get()
    assert (comment.status, comment.name, comment.ip) == (
        "pending",
        "Nguyễn Văn An",
        "198.51.100.20",
    )


@pytest.mark.django_db
def test_the_script_gets_the_moderation_notice_as_json(client):
    article = make_article()

    response = post_comment(client, article, comment_data(client, article), **JSON)

    assert response.status_code == 200
    answer = response.json()
    assert (answer["message"], answer["comment_html"]) == (PENDING_NOTICE, "")


def assert_blank_comment_form(form_html, spent_key):
    """Nothing of the sent comment, its captcha or an earlier error is left in the form."""
    assert "Mã xác thực không đúng." not in form_html
    assert 'class="errorlist' not in form_html
    assert "Nguyễn Văn An" not in form_html and "an@example.com" not in form_html
    assert re.search(r'<textarea[^>]*name="text"[^>]*>\s*</textarea>', form_html)
    assert re.search(r'name="captcha_1"(?![^>]*value="[^"])', form_html)
    fresh_key = captcha_key(form_html)
    assert fresh_key != spent_key
    assert CaptchaStore.objects.filter(hashkey=fresh_key).exists()


@pytest.mark.django_db
def test_after_a_wrong_then_a_right_captcha_the_scripts_form_is_blank_with_a_new_captcha(client):
    article = make_article()
    wrong = comment_data(client, article, text="Lần đầu gõ sai mã", captcha_1="sai")
    first = post_comment(client, article, wrong, **JSON)
    assert WRONG_CAPTCHA in first.json()["form_html"]
    right = comment_data(client, article, text="Lần đầu gõ sai mã")

    response = post_comment(client, article, right, **JSON)

    assert response.status_code == 200
    assert response.json()["message"] == PENDING_NOTICE
    assert_blank_comment_form(response.json()["form_html"], right["captcha_0"])
    assert Comment.objects.get().text == "Lần đầu gõ sai mã"


@pytest.mark.django_db
def test_after_a_wrong_then_a_right_captcha_the_feedback_page_is_blank_with_one_message(client):
    article = make_article()
    wrong = comment_data(client, article, text="Lần đầu gõ sai mã", captcha_1="sai")
    assert post_comment(client, article, wrong).status_code == 400
    right = comment_data(client, article, text="Lần đầu gõ sai mã")

    response = post_comment(client, article, right, follow=True)

    page = response.content.decode()
    assert response.redirect_chain == [(feedback_url(article), 302)]
    form_html = page[page.index('<form class="comment-form"') :]
    assert_blank_comment_form(form_html[: form_html.index("</form>")], right["captcha_0"])
    assert re.findall(r'<li class="message[^"]*">([^<]*)</li>', page) == [PENDING_NOTICE]
    # Shown once: the next page has no message left over.
    assert PENDING_NOTICE not in client.get(feedback_url(article)).content.decode()


@pytest.mark.django_db
def test_a_pending_comment_is_invisible_until_a_moderator_approves_it(client):
    article = make_article()
    post_comment(client, article, comment_data(client, article, text="Đề nghị sửa đường."))
    assert "Đề nghị sửa đường." not in client.get(article.get_absolute_url()).content.decode()

    services.moderate(Comment.objects.all(), Comment.Status.APPROVED)

    assert "Đề nghị sửa đường." in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_comments_can_be_published_at_once_by_a_setting(client, settings):
    settings.RATINGS_COMMENTS_NEED_APPROVAL = False
    article = make_article()

    response = post_comment(client, article, comment_data(client, article), **JSON)

    assert response.json()["message"] == "Cảm ơn bạn, bình luận của bạn đã được đăng."
    assert "Bài viết hữu ích." in response.json()["comment_html"]
    assert Comment.objects.get().status == "approved"
    assert "Bài viết hữu ích." in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_wrong_captcha_keeps_the_comment_text_and_shows_the_exact_message(client):
    article = make_article()
    data = comment_data(client, article, text="Ý kiến dài\ncủa tôi", captcha_1="sai")

    response = post_comment(client, article, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert WRONG_CAPTCHA in page
    assert "Ý kiến dài\ncủa tôi</textarea>" in page
    assert 'value="Nguyễn Văn An"' in page and 'value="an@example.com"' in page
    # A fresh captcha replaces the spent one.
    assert captcha_key(page) != data["captcha_0"]
    assert CaptchaStore.objects.filter(hashkey=captcha_key(page)).exists()
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_wrong_captcha_through_the_script_returns_the_form_with_the_text_and_a_new_captcha(client):
    article = make_article()
    data = comment_data(client, article, text="Giữ nguyên lời tôi viết", captcha_1="sai")

    response = post_comment(client, article, data, **JSON)

    assert response.status_code == 400
    form_html = response.json()["form_html"]
    assert WRONG_CAPTCHA in form_html
    assert "Giữ nguyên lời tôi viết</textarea>" in form_html
    assert captcha_key(form_html) != data["captcha_0"]
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_an_expired_captcha_says_it_expired_keeps_the_text_and_gives_a_new_one(client):
    article = make_article()
    data = comment_data(client, article)
    CaptchaStore.objects.update(expiration=timezone.now() - timedelta(minutes=1))

    response = post_comment(client, article, {**data, "text": "Lời tôi đã viết rất lâu"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Mã xác thực đã hết hạn, vui lòng nhập mã mới." in page
    assert WRONG_CAPTCHA not in page
    assert "Lời tôi đã viết rất lâu</textarea>" in page
    assert not Comment.objects.exists()
    # A new live key is on the page, ready for the answer.
    assert CaptchaStore.objects.filter(expiration__gt=timezone.now()).count() == 1


@pytest.mark.django_db
def test_a_solved_captcha_cannot_be_used_twice(client):
    article = make_article()
    data = comment_data(client, article)
    assert post_comment(client, article, data).status_code == 302

    response = post_comment(client, article, {**data, "text": "Gửi lại lần nữa"})

    assert response.status_code == 400
    assert WRONG_CAPTCHA in response.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_a_missing_captcha_asks_for_it(client):
    article = make_article()
    data = comment_data(client, article, captcha_0="", captcha_1="")

    response = post_comment(client, article, data)

    assert "Vui lòng nhập mã xác thực." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_script_in_a_comment_is_shown_as_text_with_line_breaks_and_no_links(client):
    article = make_article()
    make_comment(
        article,
        status=Comment.Status.APPROVED,
        text='<script>alert("x")</script>\nXem https://vi-du.example/trang',
        name="<b>Khách</b>",
    )

    page = client.get(article.get_absolute_url()).content.decode()

    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Xem https://vi-du.example/trang"
        in page
    )
    assert '<script>alert("x")' not in page
    assert 'href="https://vi-du.example' not in page
    assert "&lt;b&gt;Khách&lt;/b&gt;" in page


@pytest.mark.django_db
def test_approved_comments_show_oldest_first_with_name_time_and_the_towns_reply(client):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    article = make_article()
    when = datetime(2023, 4, 6, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    make_comment(article, status="approved", name="Người sau", created_at=when.replace(hour=9))
    make_comment(
        article,
        status="approved",
        name="Người trước",
        email="bi-mat@example.com",
        created_at=when,
        reply="Ủy ban đã tiếp nhận ý kiến.",
    )
    make_comment(article, status="rejected", name="Người bị từ chối")
    make_comment(article, status="spam", name="Thư rác")

    page = client.get(article.get_absolute_url()).content.decode()

    assert page.index("Người trước") < page.index("Người sau")
    assert "06/04/2023 08:30" in page
    assert "Trả lời chính thức của" in page and "Ủy ban đã tiếp nhận ý kiến." in page
    assert "bi-mat@example.com" not in page
    assert "Người bị từ chối" not in page and "Thư rác" not in page


@pytest.mark.django_db
def test_the_honeypot_stores_nothing_and_keeps_the_text(client):
    article = make_article()
    data = comment_data(client, article, website="http://spam.example", text="Lời thật")

    response = post_comment(client, article, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "phải để trống" in page
    assert "Lời thật</textarea>" in page
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_comments_per_ip_per_hour_are_limited_and_the_text_is_kept(client, settings):
    settings.RATINGS_COMMENTS_PER_IP_PER_HOUR = 2
    article = make_article()
    for number in range(2):
        data = comment_data(client, article, text=f"Ý kiến {number}")
        assert post_comment(client, article, data).status_code == 302

    data = comment_data(client, article, text="Ý kiến thứ ba")
    response = post_comment(client, article, data)

    assert response.status_code == 429
    page = response.content.decode()
    assert "quá nhiều bình luận" in page and "Ý kiến thứ ba</textarea>" in page
    assert Comment.objects.count() == 2
    # Another address may still comment.
    other = post_comment(client, article, comment_data(client, article), ip="198.51.100.21")
    assert other.status_code == 302


@pytest.mark.django_db
def test_the_comment_limit_counts_an_ipv6_network_as_one_reader(client, settings):
    settings.RATINGS_COMMENTS_PER_IP_PER_HOUR = 1
    article = make_article()
    first = post_comment(client, article, comment_data(client, article), ip="2001:db8:9::1")
    assert first.status_code == 302

    same_network = post_comment(client, article, comment_data(client, article), ip="2001:db8:9::2")
    other_network = post_comment(client, article, comment_data(client, article), ip="2001:db8:a::1")

    assert (same_network.status_code, other_network.status_code) == (429, 302)


@pytest.mark.django_db
def test_a_too_long_comment_is_refused_and_kept(client, settings):
    settings.RATINGS_COMMENT_MAX_LENGTH = 50
    article = make_article()
    text = "Rất dài " * 10

    response = post_comment(client, article, comment_data(client, article, text=text))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Bình luận dài tối đa 50 ký tự" in page
    assert text.strip() in page
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_name_and_text_are_required_with_vietnamese_messages(client):
    article = make_article()

    response = post_comment(client, article, comment_data(client, article, name="", text=""))

    page = response.content.decode()
    assert "Vui lòng nhập họ và tên." in page and "Vui lòng nhập nội dung bình luận." in page
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_comments_on_an_unpublished_article_are_refused(client):
    from news.models import Article

    draft = make_article(status=Article.Status.DRAFT)

    response = post_comment(client, draft, {"name": "A", "text": "B"}, **JSON)

    assert response.status_code == 404
    assert client.get(feedback_url(draft)).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_approving_a_comment_announces_that_the_article_feedback_changed(
    django_capture_on_commit_callbacks,
):
    from ratings import services
    from ratings.signals import feedback_changed

    article = make_article()
    make_comment(article)
    received = []

    def listener(article, **kwargs):
        received.append(article.pk)

    feedback_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.moderate(Comment.objects.all(), Comment.Status.APPROVED)
        with django_capture_on_commit_callbacks(execute=True):
            # Rejecting a pending comment changes nothing a reader sees.
            make_comment(article)
            services.moderate(Comment.objects.pending(), Comment.Status.REJECTED)
    finally:
        feedback_changed.disconnect(listener)

    assert received == [article.pk]


@pytest.mark.django_db
def test_an_article_with_votes_and_public_comments_can_be_deleted():
    from ratings.models import ArticleRating

    article = make_article()
    make_vote(article)
    make_comment(article, status="approved")
    make_comment(article, status="pending")

    article.delete()

    assert not Comment.objects.exists()
    assert not ArticleRating.objects.exists()


@pytest.mark.django_db
def test_bidi_overrides_zero_width_and_control_characters_are_dropped_from_a_comment(client):
    article = make_article()
    name = "\u202eNguyễn\u200b Văn\u2066 An\u2069\u200f\x07"
    text = "Dòng một\u202e đảo chiều\u200d\r\nDòng hai\ufeff\x00\u061c\tcó tab\x85"
    data = comment_data(client, article, name=name, text=text)

    assert post_comment(client, article, data).status_code == 302

    comment = Comment.objects.get()
    assert comment.name == "Nguyễn Văn An"
    assert comment.text == "Dòng một đảo chiều\r\nDòng hai\tcó tab"


@pytest.mark.django_db
def test_a_name_of_nothing_but_invisible_characters_is_refused_and_the_text_kept(client):
    article = make_article()
    data = comment_data(client, article, name="\u202e\u200b\u2066", text="Lời giữ lại")

    response = post_comment(client, article, data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Vui lòng nhập họ và tên." in page and "Lời giữ lại</textarea>" in page
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_comment_names_and_texts_are_isolated_from_the_text_around_them(client, settings):
    settings.RATINGS_COMMENTS_NEED_APPROVAL = False
    article = make_article()
    make_comment(article, name="علي", text="مرحبا", status="approved")

    page = client.get(article.get_absolute_url()).content.decode()

    assert '<strong class="comment-name"><bdi>علي</bdi></strong>' in page
    assert '<p class="comment-text" dir="auto">مرحبا</p>' in page
