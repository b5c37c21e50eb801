"""Uploads: only real images (and audio for songs), checked by content, stored under new names."""

import mimetypes
import re
from io import BytesIO
from pathlib import PurePosixPath

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from factories import (
    CAMERA_MAKE,
    GPS_IFD,
    ORIENTATION,
    image_bytes,
    make_article,
    make_category,
    photo_with_gps,
)
from PIL import Image

from core.uploads import cleaned_image
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


# --- Metadata: no GPS position or camera leaves with an uploaded photo -------------------------


def assert_no_metadata(content):
    assert b"PhoneMaker" not in content and b"Nha ong Ba" not in content
    with Image.open(BytesIO(content)) as stored:
        exif = stored.getexif()
        assert CAMERA_MAKE not in exif
        assert not exif.get_ifd(GPS_IFD)
        assert "comment" not in stored.info


def test_the_photo_we_build_does_carry_a_gps_position():
    # The check below must be able to fail: the upload it starts from has what we strip.
    with Image.open(BytesIO(photo_with_gps())) as photo:
        assert photo.getexif().get_ifd(GPS_IFD)[1] == "N"
        assert photo.getexif()[CAMERA_MAKE] == "PhoneMaker"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_editor_upload_is_stored_without_gps_position_or_camera(staff_browser, settings, fmt):
    response = upload(staff_browser, f"anh.{fmt.lower()}", photo_with_gps(fmt))
    assert response.status_code == 200, response.content
    assert_no_metadata((settings.MEDIA_ROOT / stored_path(response)).read_bytes())


def test_a_sideways_phone_photo_is_stored_upright(staff_browser, settings):
    # Orientation 6: the camera was turned; viewers rotate by the tag, which is stripped.
    response = upload(staff_browser, "doc.jpg", photo_with_gps(size=(64, 48), orientation=6))
    with Image.open(settings.MEDIA_ROOT / stored_path(response)) as stored:
        assert stored.size == (48, 64)
        assert ORIENTATION not in stored.getexif()


def test_article_cover_is_stored_without_gps_position_or_camera(editor_client):
    from news.models import Article

    article = make_article()
    article.cover = SimpleUploadedFile("bia.jpg", photo_with_gps(), content_type="image/jpeg")
    article.save()
    article.refresh_from_db()
    with article.cover.open("rb") as stored:
        assert_no_metadata(stored.read())
    assert Article.objects.get().cover_small


def test_town_map_is_stored_without_gps_position_or_camera():
    from sidebar.models import TownMap

    town_map = TownMap(
        title="Bản đồ thị xã",
        image=SimpleUploadedFile("ban-do.png", photo_with_gps("PNG"), content_type="image/png"),
    )
    town_map.full_clean()
    town_map.save()
    with TownMap.objects.get().image.open("rb") as stored:
        content = stored.read()
    assert content.startswith(b"\x89PNG")
    assert_no_metadata(content)


def test_an_animated_gif_stays_animated():
    frames = [Image.new("RGB", (20, 20), (80 * number, 0, 0)) for number in range(3)]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    cleaned = cleaned_image(SimpleUploadedFile("dong.gif", buffer.getvalue()))
    with Image.open(cleaned) as stored:
        assert stored.n_frames == 3


# --- A file that passes the quick check but cannot be decoded --------------------------------


def gif_javascript_polyglot():
    """64 bytes that start as a GIF and read as JavaScript; the image data is cut short.

    Pillow's verify() accepts it (it reads only the headers); decoding it fails.
    """
    script = b"*/=1;alert(document.domain);/*"
    header = b"GIF89a/*\x0a\x00\x00\x00\x00"  # 10799 x 10 pixels, no colour table
    comment = b"\x21\xfe" + bytes([len(script)]) + script + b"\x00"
    image = b"\x2c\x00\x00\x00\x00\x2f\x2a\x0a\x00\x00\x02"  # then the data is missing
    content = header + comment + image
    return content + b"*/" + b"\x00" * (62 - len(content))


def test_the_polyglot_passes_pillows_quick_check():
    content = gif_javascript_polyglot()
    assert len(content) == 64
    with Image.open(BytesIO(content)) as image:
        image.verify()  # no error: this is why verify() alone let it through


def test_editor_refuses_the_gif_javascript_polyglot_and_stores_nothing(staff_browser, settings):
    response = upload(staff_browser, "anh.gif", gif_javascript_polyglot(), "image/gif")
    assert response.status_code == 400
    assert "không phải là ảnh hợp lệ" in response.json()["error"]["message"]
    assert not (settings.MEDIA_ROOT / "editor").exists()


def test_an_editor_upload_failing_after_it_was_stored_leaves_no_file(
    staff_browser, settings, monkeypatch
):
    from ckeditor_uploader.backends.pillow_backend import PillowBackend

    def thumbnail_fails(self, file_object, file_path):
        raise OSError("disk full")

    monkeypatch.setattr(PillowBackend, "create_thumbnail", thumbnail_fails)
    with pytest.raises(OSError):
        upload(staff_browser, "anh.png", image_bytes())
    assert [path for path in (settings.MEDIA_ROOT).rglob("*") if path.is_file()] == []


def test_a_refused_cover_keeps_everything_else_the_editor_typed(editor_client, settings):
    category = make_category()
    form = {
        "title": "Thông báo lịch tiếp công dân",
        "slug": "",
        "category": category.pk,
        "lead": "Lịch tiếp công dân tháng này.",
        "body": "<p>Nội dung dài đã soạn cả buổi sáng</p>",
        "cover_caption": "Ảnh hội trường",
        "status": "published",
        "published_at_0": "06/04/2023",
        "published_at_1": "08:30",
        "author_line": "Văn phòng UBND",
        "cover": SimpleUploadedFile("bia.gif", gif_javascript_polyglot(), content_type="image/gif"),
    }
    response = editor_client.post(reverse("admin:news_article_add"), form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "không phải là ảnh hợp lệ" in page or "Hãy tải lên một hình ảnh hợp lệ" in page
    for typed in ["Thông báo lịch tiếp công dân", "Lịch tiếp công dân tháng này.",
                  "Nội dung dài đã soạn cả buổi sáng", "Ảnh hội trường", "Văn phòng UBND"]:  # fmt: skip
        assert typed in page
    assert not (settings.MEDIA_ROOT).exists() or not any(settings.MEDIA_ROOT.rglob("*.*"))


# --- Editor images keep their proportions -----------------------------------------------------


def test_the_sanitiser_drops_an_editor_images_fixed_height_and_keeps_the_rest():
    from core.richtext import clean_body

    body = clean_body(
        '<p style="text-align:center"><img src="/media/a.png" alt="Ảnh" '
        'style="width:800px; HEIGHT: 500px; float:left" width="800" height="500"></p>'
    )
    assert 'style="width:800px;float:left"' in body
    assert 'width="800" height="500"' in body  # the browser still reserves the space
    assert 'style="text-align:center"' in body


def stored_files(settings):
    return sorted(path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())


@pytest.mark.parametrize("failing_step", ["log_addition", "save_related"])
def test_a_cover_upload_failing_after_the_save_leaves_no_file(
    editor_client, settings, monkeypatch, failing_step
):
    from django.contrib import admin

    from news.models import Article

    def fails(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(type(admin.site._registry[Article]), failing_step, fails)
    form = {
        "title": "Bài có ảnh bìa",
        "slug": "",
        "category": make_category().pk,
        "lead": "Tóm tắt.",
        "body": "<p>Nội dung</p>",
        "cover_caption": "",
        "status": "published",
        "published_at_0": "06/04/2023",
        "published_at_1": "08:30",
        "author_line": "",
        "cover": SimpleUploadedFile("bia.jpg", photo_with_gps(), content_type="image/jpeg"),
    }
    with pytest.raises(RuntimeError):
        editor_client.post(reverse("admin:news_article_add"), form)
    assert not Article.objects.exists()
    assert stored_files(settings) == []


def test_a_cover_replaced_in_the_admin_is_stored_and_kept(editor_client, settings):
    from news.models import Article

    # A draft: an editor changes only what is not yet sent or published (review app).
    article = make_article(cover=SimpleUploadedFile("cu.png", image_bytes()), status="draft")
    old_files = stored_files(settings)
    # The cover, its one srcset rendition (it is 64 px wide) and its two fixed renditions.
    assert len(old_files) == 4
    change = reverse("admin:news_article_change", args=[article.pk])
    form = {
        "title": article.title,
        "slug": article.slug,
        "category": article.category.pk,
        "lead": article.lead,
        "body": article.body,
        "cover_caption": "",
        "status": "published",
        "published_at_0": "06/04/2023",
        "published_at_1": "08:30",
        "author_line": "",
        "cover": SimpleUploadedFile("moi.jpg", photo_with_gps(), content_type="image/jpeg"),
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
    }
    response = editor_client.post(change, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert (settings.MEDIA_ROOT / article.cover.name).exists()
    assert (settings.MEDIA_ROOT / article.cover_large.name).exists()
