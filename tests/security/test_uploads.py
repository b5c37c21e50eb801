"""Uploads: only real images (and audio for songs), checked by content, stored under new names."""

import mimetypes
import re
from pathlib import PurePosixPath

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from factories import image_bytes

from sidebar.models import Song

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
)
HTML_PAGE = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
GENERATED_NAME = re.compile(r"^editor/\d{4}/\d{2}/\d{2}/[0-9a-f]{32}\.(png|jpg|gif|webp)$")


@pytest.fixture
def staff_browser(editor):
    """A staff member's browser: Django checks CSRF tokens as it does for real browsers."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    # The article form is where the editor, and its token, come from.
    page = browser.get(reverse("admin:news_article_add"))
    browser.csrf_token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
    ).group(1)
    return browser


def upload(browser, name, content, content_type="image/png", token=True):
    headers = {"HTTP_X_CSRFTOKEN": browser.csrf_token} if token else {}
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return browser.post(reverse("ckeditor_upload"), {"upload": file}, **headers)


def stored_path(response):
    return response.json()["url"].removeprefix("/media/")


def test_editor_upload_without_csrf_token_is_refused(staff_browser, settings):
    response = upload(staff_browser, "anh.png", image_bytes(), token=False)
    assert response.status_code == 403
    assert not (settings.MEDIA_ROOT / "editor").exists()


def test_editor_upload_with_token_stores_the_image_under_a_generated_name(staff_browser, settings):
    response = upload(staff_browser, "Ảnh hội nghị (1).png", image_bytes())
    assert response.status_code == 200
    assert response.json()["uploaded"] == "1"
    path = stored_path(response)
    assert GENERATED_NAME.match(path), path
    assert (settings.MEDIA_ROOT / path).read_bytes().startswith(b"\x89PNG")


def test_an_image_named_as_a_page_is_stored_under_its_real_type(staff_browser):
    response = upload(staff_browser, "anh.html", image_bytes("JPEG"), content_type="text/html")
    assert response.status_code == 200
    path = stored_path(response)
    assert PurePosixPath(path).suffix == ".jpg"
    # Web servers pick the Content-Type from the extension: it is an image type.
    assert mimetypes.guess_type(path)[0] == "image/jpeg"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("anh.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
        ("trang.html", HTML_PAGE, "text/html"),
        ("anh.jpg", HTML_PAGE, "image/jpeg"),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + HTML_PAGE, "image/png"),
        ("tai-lieu.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
    ],
    ids=["svg-with-script", "html", "html-named-jpg", "broken-png-with-html", "pdf"],
)
def test_editor_upload_refuses_anything_but_a_real_image(
    staff_browser, settings, name, content, content_type
):
    response = upload(staff_browser, name, content, content_type)
    assert response.status_code == 400
    assert response.json()["uploaded"] == 0
    assert "không phải là ảnh hợp lệ" in response.json()["error"]["message"]
    assert not (settings.MEDIA_ROOT / "editor").exists()


def test_editor_upload_over_the_size_limit_is_refused(staff_browser, settings):
    content = image_bytes(size=(300, 300))
    settings.IMAGE_UPLOAD_MAX_BYTES = len(content) - 1
    response = upload(staff_browser, "lon.png", content)
    assert response.status_code == 400
    assert "Ảnh quá lớn" in response.json()["error"]["message"]


def test_editor_upload_is_not_open_to_readers_or_non_staff(client, django_user_model, settings):
    reader = django_user_model.objects.create_user("bandoc", password="mat-khau-thu-nghiem")
    for browser in (Client(), client):
        if browser is client:
            browser.force_login(reader)
        file = SimpleUploadedFile("anh.png", image_bytes(), content_type="image/png")
        response = browser.post(reverse("ckeditor_upload"), {"upload": file})
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
    assert not (settings.MEDIA_ROOT / "editor").exists()


def test_article_cover_refuses_an_svg(editor_client):
    from news.models import Article

    field = Article._meta.get_field("cover")
    svg = SimpleUploadedFile("bia.svg", SVG_WITH_SCRIPT, content_type="image/svg+xml")
    with pytest.raises(ValidationError):
        field.clean(svg, Article())


def test_song_upload_refuses_a_page_posing_as_audio():
    song = Song(title="Bài hát", audio=SimpleUploadedFile("bai-hat.mp3", HTML_PAGE))
    with pytest.raises(ValidationError) as refused:
        song.full_clean()
    assert "không phải là âm thanh hợp lệ" in str(refused.value)


def test_song_is_stored_under_an_audio_extension_whatever_its_uploaded_name():
    # Starts like an MP3 (ID3 tag), so it passes the audio check; named .html, a web server
    # would serve it as a page of our site.
    content = b"ID3\x03\x00\x00\x00\x00\x00\x00" + HTML_PAGE
    song = Song(title="Bài hát", audio=SimpleUploadedFile("bai-hat.html", content))
    song.full_clean()
    song.save()
    assert mimetypes.guess_type(song.audio.name)[0] in {"audio/mpeg", "audio/ogg", "audio/wav"}
