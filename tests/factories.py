"""Small factories that build test data with sensible defaults and named overrides."""

import itertools
from datetime import timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news.models import Article, Category

_numbers = itertools.count(1)


def make_category(**fields):
    number = next(_numbers)
    fields.setdefault("name", f"Chuyên mục {number}")
    return Category.objects.create(**fields)


def make_article(**fields):
    number = next(_numbers)
    if "category" not in fields:
        fields["category"] = make_category()
    fields.setdefault("title", f"Bài viết thử số {number}")
    fields.setdefault("lead", "Tóm tắt ngắn của bài viết thử.")
    fields.setdefault("body", "<p>Nội dung bài viết thử.</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    return Article.objects.create(**fields)


def image_bytes(fmt="PNG", size=(64, 48), color=(200, 30, 40)):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def image_upload(name="anh.png", fmt="PNG", size=(64, 48)):
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, size), content_type=content_type)
