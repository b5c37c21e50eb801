"""Upgrading a portal that already has articles and documents: what was public stays public."""

import pytest
from factories import make_old_article, migrate_to_latest, models_at

from documents.models import Document
from news.models import Article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def latest_schema_after():
    yield
    migrate_to_latest()


def test_published_and_draft_articles_keep_their_state():
    old = models_at([("news", "0004_lz4_text_compression")])
    published = make_old_article(old, status="published")
    draft = old.get_model("news", "Article").objects.create(
        category=published.category, title="Bản nháp cũ", slug="ban-nhap-cu", status="draft",
        published_at=published.published_at,
    )  # fmt: skip

    models_at([("news", "0005_review")])

    assert Article.objects.get(pk=published.pk).status == "published"
    assert Article.objects.get(pk=draft.pk).status == "draft"
    assert list(Article.objects.published()) == [Article.objects.get(pk=published.pk)]


def test_documents_already_in_the_register_become_published():
    old = models_at([("documents", "0002_search_trigram_index")])
    doc_type = old.get_model("documents", "DocumentType").objects.create(
        name="Quyết định", slug="qd"
    )
    body = old.get_model("documents", "IssuingBody").objects.create(name="UBND", slug="ubnd")
    old.get_model("documents", "Document").objects.create(
        number="7/2023/QĐ-UBND", slug="7-2023-qd-ubnd", doc_type=doc_type, issuing_body=body,
        issued_on="2023-05-02", effective_on="2023-05-02", summary="Về việc cũ",
    )  # fmt: skip

    models_at([("documents", "0003_review")])

    assert Document.objects.get().state == "published"
    assert Document.objects.published().count() == 1
    # A document written after the upgrade starts as a draft.
    assert Document._meta.get_field("state").default == "draft"
