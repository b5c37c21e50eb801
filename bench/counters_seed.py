"""Create a category and a few published articles (slugs counters-1 ...) for bench/counters.py."""

import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from news.models import Article, Category  # noqa: E402

category, _created = Category.objects.get_or_create(slug="dem-luot", defaults={"name": "Tin tức"})
for number in range(1, 21):
    Article.objects.get_or_create(
        slug=f"counters-{number}",
        defaults={
            "title": f"Bài viết đo bộ đếm số {number}",
            "category": category,
            "lead": "Bài viết dùng để đo chi phí của bộ đếm truy cập.",
            "body": "<p>" + "Nội dung bài viết đo bộ đếm. " * 60 + "</p>",
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(hours=number),
        },
    )
