"""Fill the database named by DATABASE_URL with N articles (default 10,000) for benchmarks."""

import os
import random
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.db import connection, transaction
from django.utils import timezone

from news.models import Article, Category

WORDS = (
    "hội nghị giao ban thị xã phường xã nông thôn mới đô thị văn minh chỉnh trang đường giao thông "
    "trường học khai giảng lễ hội truyền thống nông dân thu hoạch lúa hè thu tiêm chủng y tế "
    "an sinh xã hội quà tết hộ nghèo thanh niên tình nguyện cải cách hành chính dịch vụ công "
    "trực tuyến kiểm tra giám sát phòng cháy chữa cháy bảo vệ môi trường cây xanh"
).split()
SLUG_PREFIX = "bench-"


def sentence(rng, length):
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + "."


def seed(count):
    if Article.objects.filter(slug__startswith=SLUG_PREFIX).count() >= count:
        print(f"seed: {count} benchmark articles already there")
        return
    rng = random.Random(2026)  # noqa: S311 - fixed data, not security
    with transaction.atomic():
        parent = Category.objects.get_or_create(slug="bench-tin-tuc", defaults={"name": "Tin tức"})[
            0
        ]
        categories = [parent] + [
            Category.objects.get_or_create(
                slug=f"bench-chuyen-muc-{n}", defaults={"name": f"Chuyên mục {n}", "order": n}
            )[0]
            for n in range(1, 8)
        ]
        now = timezone.now()
        articles = []
        for number in range(count):
            article = Article(
                title=f"{sentence(rng, 8)[:-1]} số {number}",
                slug=f"{SLUG_PREFIX}{number}",
                category=categories[number % len(categories)],
                lead=sentence(rng, 30),
                body="".join(f"<p>{sentence(rng, 60)}</p>" for _ in range(6)),
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=30 * number + 1),
                is_featured=number % 200 == 0,
            )
            article.clean_text_fields()
            articles.append(article)
        Article.objects.bulk_create(articles, batch_size=1000)
    if connection.vendor == "postgresql":
        # Autovacuum analyzes a live database within a minute; the benchmark starts at once.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"seed: created {count} articles")


if __name__ == "__main__":
    seed(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
