"""Upgrading a portal that already has comments: the public comment count starts out exact."""

import pytest
from factories import make_old_article, models_at

from ratings.models import ArticleRating, Comment, Vote

BEFORE = [("ratings", "0001_initial")]
AFTER = [("ratings", "0002_article_rating_comment_count")]


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_counts_the_comments_already_published():
    old = models_at(BEFORE)
    article = make_old_article(old)
    Comment = old.get_model("ratings", "Comment")
    for status in ["approved", "approved", "pending", "spam"]:
        Comment.objects.create(article=article, name="Bạn đọc", text="Ý kiến.", ip="203.0.113.1",
                               status=status)  # fmt: skip

    models_at(AFTER)

    assert ArticleRating.objects.get(article_id=article.pk).comment_count == 2


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_gives_stored_votes_and_comments_their_address_block():
    old = models_at([("ratings", "0002_article_rating_comment_count")])
    article = make_old_article(old)
    old.get_model("ratings", "Vote").objects.create(
        article=article, voter_id="a" * 32, ip="2001:db8:4:7::1", stars=4
    )
    old.get_model("ratings", "Comment").objects.create(
        article=article, name="Bạn đọc", text="Ý kiến.", ip="203.0.113.1"
    )

    models_at([("ratings", "0003_ip_block")])

    assert Vote.objects.get().ip_block == "2001:db8:4:7::/64"
    assert Comment.objects.get().ip_block == "203.0.113.1"
