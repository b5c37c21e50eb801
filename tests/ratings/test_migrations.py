"""Upgrading a portal that already has comments: the public comment count starts out exact."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ratings.models import ArticleRating

BEFORE = [("ratings", "0001_initial")]
AFTER = [("ratings", "0002_article_rating_comment_count")]


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_counts_the_comments_already_published():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    category = old.get_model("news", "Category").objects.create(name="Tin tức", slug="tin-tuc")
    article = old.get_model("news", "Article").objects.create(
        title="Bài cũ", slug="bai-cu", category=category, published_at=timezone.now()
    )
    Comment = old.get_model("ratings", "Comment")
    for status in ["approved", "approved", "pending", "spam"]:
        Comment.objects.create(article=article, name="Bạn đọc", text="Ý kiến.", ip="203.0.113.1",
                               status=status)  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    assert ArticleRating.objects.get(article_id=article.pk).comment_count == 2
