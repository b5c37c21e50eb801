"""Staff publishing: the article admin, image checks on upload, the editor's upload view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories import image_bytes, image_upload, make_article, make_category

from news.models import Article

pytestmark = pytest.mark.django_db


def _article_form(category, **overrides):
    data = {
        "title": "Thông báo lịch tiếp công dân",
        "slug": "",
        "category": category.pk,
        "lead": "Lịch tiếp công dân tháng này.",
        "body": "<p>Nội dung</p>",
        "cover_caption": "",
        "status": Article.Status.PUBLISHED,
        "published_at_0": "06/04/2023",
        "published_at_1": "08:30",
        "author_line": "",
    }
    data.update(overrides)
    return data


def test_an_editor_writes_an_article_with_a_cover_and_it_waits_as_a_draft(editor_client):
    category = make_category()
    response = editor_client.post(
        reverse("admin:news_article_add"),
        _article_form(category, cover=image_upload("anh-bia.jpg", "JPEG", (1300, 800))),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.slug == "thong-bao-lich-tiep-cong-dan"
    # The "status" typed into the POST is not read: only an approver publishes (tests/review).
    assert article.status == Article.Status.DRAFT
    assert not article.is_public
    assert article.cover_small and article.cover_large
    assert "anh-bia" not in article.cover.name  # stored under a generated name


def test_a_text_file_renamed_to_jpg_is_refused_with_a_vietnamese_message(editor_client):
    category = make_category()
    fake = SimpleUploadedFile("anh.jpg", b"<html>not an image</html>", content_type="image/jpeg")
    response = editor_client.post(
        reverse("admin:news_article_add"), _article_form(category, cover=fake)
    )
    assert response.status_code == 200
    # Django's own image check speaks first, in Vietnamese.
    assert "Hãy tải lên một hình ảnh hợp lệ" in response.content.decode()
    assert not Article.objects.exists()


def test_an_image_over_the_size_limit_is_refused(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    category = make_category()
    big = image_upload("lon.png", size=(400, 400))
    response = editor_client.post(
        reverse("admin:news_article_add"), _article_form(category, cover=big)
    )
    assert "Ảnh quá lớn" in response.content.decode()
    assert not Article.objects.exists()


def test_admin_speaks_vietnamese_and_offers_the_rich_text_editor(editor_client):
    page = editor_client.get(reverse("admin:news_article_add")).content.decode()
    assert "Thêm bài viết" in page
    assert "ckeditor" in page
    assert "js/editor-csrf.js" in page


def test_editor_image_upload_accepts_images_and_refuses_anything_else(editor_client):
    url = reverse("ckeditor_upload")
    png = SimpleUploadedFile("hinh.png", image_bytes(), content_type="image/png")
    accepted = editor_client.post(url, {"upload": png})
    assert accepted.status_code == 200 and accepted.json()["uploaded"] == "1"
    fake = SimpleUploadedFile("hinh.png", b"<svg onload=alert(1)>", content_type="image/png")
    refused = editor_client.post(url, {"upload": fake})
    assert refused.status_code == 400
    assert "không phải là ảnh hợp lệ" in refused.json()["error"]["message"]


def test_editor_image_upload_is_for_staff_only(client, django_user_model):
    url = reverse("ckeditor_upload")
    png = SimpleUploadedFile("hinh.png", image_bytes(), content_type="image/png")
    assert client.post(url, {"upload": png}).status_code == 302  # to the admin login
    reader = django_user_model.objects.create_user("bandoc", password="mat-khau-ban-doc")
    client.force_login(reader)
    assert client.post(url, {"upload": png}).status_code == 302


def test_an_editor_cannot_unpublish_in_bulk_any_more(editor_client, client):
    article = make_article()
    response = editor_client.post(
        reverse("admin:news_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )
    assert response.status_code == 302  # back to the list: there is no such action
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 200
