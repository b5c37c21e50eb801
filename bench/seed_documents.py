"""Fill the database named by DATABASE_URL with N documents (default 10,000) for benchmarks, and
with --time, time the documents pages in this process (Django's test client, page cache off).

    .venv/bin/python bench/seed_documents.py 10000
    .venv/bin/python bench/seed_documents.py 10000 --time

The pages bench/run.py should drive (PAGES), once this script has seeded its database:
    ("documents", "/van-ban/"),
    ("documents filtered", "/van-ban/?loai=bench-quyet-dinh&nam=2024&hieu-luc=con-hieu-luc"),
    ("documents number search", "/van-ban/?q=1234%2F2026"),
    ("documents summary search", "/van-ban/?q=phi+cho"),
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.db import transaction

from documents.models import Document, DocumentRelation, DocumentType, IssuingBody, Sector

PAGES = [
    ("documents", "/van-ban/"),
    ("documents filtered", "/van-ban/?loai=bench-quyet-dinh&nam=2024&hieu-luc=con-hieu-luc"),
    ("documents number search", "/van-ban/?q=1234%2F2026"),
    ("documents summary search", "/van-ban/?q=phi+cho"),
]
TYPES = [("bench-quyet-dinh", "Quyết định", "QĐ"), ("bench-chi-thi", "Chỉ thị", "CT"),
         ("bench-ke-hoach", "Kế hoạch", "KH"), ("bench-cong-van", "Công văn", "UBND"),
         ("bench-thong-bao", "Thông báo", "TB"), ("bench-bao-cao", "Báo cáo", "BC")]  # fmt: skip
WORDS = (
    "quy định mức thu phí chợ ban hành kế hoạch phòng chống thiên tai tăng cường công tác quản lý "
    "đất đai xây dựng nông thôn mới dự toán ngân sách giáo dục y tế an toàn giao thông đầu tư công "
    "cải cách hành chính bảo vệ môi trường"
).split()
NUMBER_PREFIX = "bench"


def named(model, slug, name):
    return model.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def seed(count):
    if Document.objects.filter(slug__startswith=f"{NUMBER_PREFIX}-").count() >= count:
        print(f"seed: {count} benchmark documents already there")
        return
    rng = random.Random(2026)  # noqa: S311 - fixed data, not security
    with transaction.atomic():
        types = [
            DocumentType.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name, _symbol in TYPES
        ]
        bodies = [named(IssuingBody, f"bench-co-quan-{n}", f"Cơ quan {n}") for n in range(6)]
        sectors = [named(Sector, f"bench-linh-vuc-{n}", f"Lĩnh vực {n}") for n in range(10)]
        documents = []
        start = date(2026, 11, 30)
        for n in range(count):
            kind = n % len(TYPES)
            issued = start - timedelta(days=n // 4)
            document = Document(
                # Published: the bench measures the pages readers see.
                state="published",
                number=f"{n}/{issued.year}/{TYPES[kind][2]}-UBND",
                slug=f"{NUMBER_PREFIX}-{n}",
                doc_type=types[kind],
                issuing_body=bodies[n % len(bodies)],
                sector=sectors[n % len(sectors)],
                signer_name="Nguyễn Văn An",
                signer_position="Chủ tịch",
                issued_on=issued,
                effective_on=issued + timedelta(days=10),
                expires_on=issued + timedelta(days=900) if n % 7 == 0 else None,
                summary=" ".join(rng.choice(WORDS) for _ in range(18)).capitalize(),
            )
            document.fill_search_fields()
            documents.append(document)
        Document.objects.bulk_create(documents, batch_size=1000)
        seeded = Document.objects.filter(slug__startswith=f"{NUMBER_PREFIX}-")
        saved = list(seeded.values_list("pk", flat=True))
        relations = [
            DocumentRelation(source_id=saved[n], target_id=saved[n + 50], kind="replaces")
            for n in range(0, len(saved) - 50, 40)
        ]  # fmt: skip
        DocumentRelation.objects.bulk_create(relations)
    print(f"seed: {count} benchmark documents, {len(relations)} replacements")


def time_pages(rounds):
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    with override_settings(PAGE_CACHE_SECONDS=0, DEBUG=True, ALLOWED_HOSTS=["*"]):
        for name, path in PAGES:
            client.get(path)  # warm the menu, the sidebar and the templates
            times = []
            for _ in range(rounds):
                reset_queries()
                began = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (path, response.status_code)
            queries = len(connection.queries)
            print(
                f"{name:28} median {statistics.median(times):6.1f} ms  "
                f"max {max(times):6.1f} ms  {queries} queries  ({connection.vendor})"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int, nargs="?", default=10_000)
    parser.add_argument("--time", action="store_true", help="time the documents pages here")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    seed(args.count)
    if args.time:
        time_pages(args.rounds)
