"""Images stored with their renditions beside them, and the <img> pages write for them
(core.images, core.uploads): what a phone downloads, and what no download may carry."""

import re
from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from factories import (
    CAMERA_MAKE,
    GPS_IFD,
    image_bytes,
    make_article,
    make_person,
    photo_with_gps,
)
from PIL import Image

from core.images import image_tag
from core.memo import forget_all
from news.models import Article

pytestmark = pytest.mark.django_db


def cover_upload(size=(1200, 800)):
    return SimpleUploadedFile("anh-bia.jpg", photo_with_gps(size=size), content_type="image/jpeg")


def renditions_on_disk(settings, stored_name):
    stem = stored_name.rsplit(".", 1)[0]
    found = {}
    for path in (settings.MEDIA_ROOT / stored_name).parent.glob("*.webp"):
        name = path.relative_to(settings.MEDIA_ROOT).as_posix()
        match = re.fullmatch(re.escape(stem) + r"\.w(\d+)\.webp", name)
        if match:
            found[int(match[1])] = path
    return found


def attributes(tag):
    return dict(re.findall(r'([a-z]+)="([^"]*)"', tag))


def test_storing_a_cover_stores_renditions_beside_it_no_wider_than_itself(settings):
    article = make_article(cover=cover_upload())

    assert re.fullmatch(r"covers/\d{4}/\d{2}/[0-9a-f]{32}\.1200x800\.jpg", article.cover.name)
    renditions = renditions_on_disk(settings, article.cover.name)
    assert sorted(renditions) == [160, 320, 480, 720, 960, 1200]
    for width, path in renditions.items():
        with Image.open(path) as rendition:
            assert rendition.format == "WEBP"
            assert rendition.size == (width, round(width * 800 / 1200))


def test_renditions_carry_no_exif_gps_or_camera(settings):
    article = make_article(cover=cover_upload())

    renditions = renditions_on_disk(settings, article.cover.name)
    assert renditions
    for path in renditions.values():
        content = path.read_bytes()
        assert b"PhoneMaker" not in content and b"Exif" not in content
        with Image.open(path) as rendition:
            exif = rendition.getexif()
            assert CAMERA_MAKE not in exif
            assert not exif.get_ifd(GPS_IFD)
            assert not {"exif", "xmp", "comment"} & set(rendition.info)


def test_a_small_image_gets_one_rendition_of_its_own_width(settings):
    article = make_article(cover=cover_upload(size=(64, 48)))

    assert sorted(renditions_on_disk(settings, article.cover.name)) == [64]


def test_a_persons_photo_gets_renditions_too(settings):
    person = make_person(photo=SimpleUploadedFile("chan-dung.png", image_bytes(size=(400, 500))))

    assert person.photo.name.endswith(".400x500.png")
    assert sorted(renditions_on_disk(settings, person.photo.name)) == [160, 320, 400]


def test_the_tag_offers_every_rendition_with_the_images_own_size():
    article = make_article(cover=cover_upload())

    tag = str(image_tag(article.cover, alt="Ảnh bìa", sizes="120px"))

    found = attributes(tag)
    stem = article.cover.url.rsplit(".", 1)[0]
    assert found["srcset"] == ", ".join(
        f"{stem}.w{width}.webp {width}w" for width in (160, 320, 480, 720, 960, 1200)
    )
    assert found["sizes"] == "120px"
    assert (found["width"], found["height"]) == ("1200", "800")
    assert found["src"] == f"{stem}.w720.webp"
    assert found["loading"] == "lazy" and "fetchpriority" not in found
    assert found["alt"] == "Ảnh bìa"


def test_a_fixed_small_slot_offers_no_rendition_wider_than_it_can_use():
    article = make_article(cover=cover_upload())

    # A 120 px thumbnail needs at most 360 device pixels (a 3x screen): 480 is the widest useful.
    found = attributes(str(image_tag(article.cover, sizes="120px", widest=360)))

    widths = [int(width) for width in re.findall(r"(\d+)w(?:,|$)", found["srcset"])]
    assert widths == [160, 320, 480]
    assert found["src"].endswith(".w480.webp")


def test_the_likely_largest_paint_is_fetched_first_and_never_lazily():
    article = make_article(cover=cover_upload())

    found = attributes(str(image_tag(article.cover, high_priority=True)))

    assert found["fetchpriority"] == "high" and found["loading"] == "eager"


def test_an_image_stored_before_renditions_is_sent_whole_with_its_size(client):
    forget_all()
    # As stored by the code before renditions: a name that says nothing of the image's size.
    old_name = default_storage.save("covers/2024/05/anh-cu.png", ContentFile(image_bytes(size=(640, 480))))
    article = make_article(is_featured=True)
    Article.objects.filter(pk=article.pk).update(cover=old_name)

    home = client.get("/").content.decode()

    tag = re.search(r'<img[^>]*src="/media/covers/2024/05/anh-cu\.png"[^>]*>', home)
    assert tag, "the old cover is not on the home page"
    found = attributes(tag[0])
    assert "srcset" not in found
    assert (found["width"], found["height"]) == ("640", "480")


def test_an_animated_gif_keeps_its_animation_and_its_size(settings):
    frames = [Image.new("RGB", (90, 60), colour) for colour in ("red", "blue")]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    article = make_article(cover=SimpleUploadedFile("dong.gif", buffer.getvalue()))

    with Image.open(settings.MEDIA_ROOT / article.cover.name) as stored:
        assert stored.n_frames == 2
    found = attributes(str(image_tag(article.cover)))
    assert found["src"] == article.cover.url and "srcset" not in found
    assert (found["width"], found["height"]) == ("90", "60")


def test_the_command_gives_images_stored_before_renditions_their_renditions(client, settings):
    forget_all()
    old_name = default_storage.save(
        "covers/2024/05/anh-cu.jpg", ContentFile(photo_with_gps(size=(800, 600)))
    )
    article = make_article(is_featured=True)
    Article.objects.filter(pk=article.pk).update(cover=old_name)
    client.get("/")  # cached with the old cover

    out = StringIO()
    call_command("makerenditions", stdout=out)

    assert "Renditions made for 1 images" in out.getvalue()
    article.refresh_from_db()
    assert article.cover.name.endswith(".800x600.jpg")
    assert sorted(renditions_on_disk(settings, article.cover.name)) == [160, 320, 480, 720, 800]
    with Image.open(settings.MEDIA_ROOT / article.cover.name) as stored:
        assert not stored.getexif().get_ifd(GPS_IFD)
    home = client.get("/").content.decode()
    assert f'srcset="{article.cover.url.rsplit(".", 1)[0]}.w160.webp 160w' in home
    call_command("makerenditions", stdout=out)
    assert "Renditions made for 0 images" in out.getvalue()
