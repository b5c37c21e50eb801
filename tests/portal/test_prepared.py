"""Prepared queries: compiled once, they give the rows and objects their querysets give."""

import pytest
from django.db import models
from factories import make_article, make_category, make_vote

from core.prepared import Parameter, PreparedQuery
from news.models import Article
from ratings.services import rating_of

pytestmark = pytest.mark.django_db


def articles_of_category(**options):
    return PreparedQuery(
        lambda: Article.objects.filter(
            category_id=Parameter("category", models.IntegerField())
        ).order_by("-published_at"),
        **options,
    )


def test_each_call_gives_what_the_queryset_gives_for_its_values():
    news, culture = make_category(), make_category()
    for category in (news, news, culture):
        make_article(category=category)
    prepared = articles_of_category()

    for category in (news, culture):
        expected = list(Article.objects.filter(category=category).order_by("-published_at"))
        found = prepared(category=category.pk)
        assert [a.pk for a in found] == [a.pk for a in expected]
        # Dates come back as the ORM gives them (SQLite stores text).
        assert [a.published_at for a in found] == [a.published_at for a in expected]
        assert [a.title for a in found] == [a.title for a in expected]
        assert not found[0]._state.adding


def test_the_queryset_is_built_and_compiled_once():
    builds = []

    def build():
        builds.append(1)
        return Article.objects.filter(pk=Parameter("article", models.IntegerField()))

    prepared = PreparedQuery(build)
    first, second = make_article(), make_article()

    assert prepared(article=first.pk)[0].title == first.title
    assert prepared(article=second.pk)[0].title == second.title
    assert prepared(article=0) == []
    assert len(builds) == 1


def test_an_attached_rating_comes_in_the_same_query(django_assert_num_queries):
    voted, unvoted = make_article(), make_article()
    make_vote(voted, stars=5)
    make_vote(voted, stars=2)
    prepared = PreparedQuery(
        lambda: Article.objects.filter(pk=Parameter("article", models.IntegerField())),
        attach=["rating"],
    )
    prepared(article=0)  # PostgreSQL prepares the statement on the first call

    with django_assert_num_queries(1):
        [article] = prepared(article=voted.pk)
        assert (article.rating.vote_count, article.rating.average) == (2, 3.5)
        assert article.rating.article is article
    with django_assert_num_queries(1):
        [article] = prepared(article=unvoted.pk)
        assert rating_of(article).vote_count == 0


def test_an_attached_category_comes_in_the_same_query(django_assert_num_queries):
    category = make_category(name="Kinh tế")
    make_article(category=category)
    prepared = articles_of_category(attach=["category"])
    prepared(category=0)  # PostgreSQL prepares the statement on the first call

    with django_assert_num_queries(1):
        [article] = prepared(category=category.pk)
        assert article.category.name == "Kinh tế"


def test_a_query_that_joins_more_than_it_attaches_is_refused():
    prepared = PreparedQuery(
        lambda: Article.objects.filter(category__name=Parameter("name", models.CharField()))
    )

    with pytest.raises(ValueError, match="reads one table"):
        prepared(name="Kinh tế")


def test_a_query_with_annotations_of_its_own_is_refused():
    prepared = PreparedQuery(
        lambda: Article.objects.filter(pk=Parameter("article", models.IntegerField())).annotate(
            double_id=models.F("id") * 2
        )
    )

    with pytest.raises(ValueError, match="no annotations"):
        prepared(article=1)
