"""With 10,000 articles the public pages still do a small, fixed number of queries."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from factories import make_category

from news.models import Article

pytestmark = pytest.mark.django_db

ARTICLES = 10_000


@pytest.fixture
def ten_thousand_articles():
    categories = [make_category(name=f"Chuyên mục {n}") for n in range(6)]
    now = timezone.now()
    articles = []
    for number in range(ARTICLES):
        article = Article(
            title=f"Hội nghị giao ban số {number}",
            slug=f"hoi-nghi-giao-ban-so-{number}",
            category=categories[number % len(categories)],
            lead="Tóm tắt nội dung cuộc họp.",
            body="<p>Nội dung cuộc họp của thị xã.</p>",
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=number + 1),
            is_featured=number % 500 == 0,
        )
        article.clean_text_fields()
        articles.append(article)
    Article.objects.bulk_create(articles, batch_size=2000)
    return categories


# Path -> most queries its page may need to render (the first page of a process that reads
# the site version, a cached page or a search's kept cards, also asks when the next scheduled
# article is due, when a document's status next changes, and when the next consultation and
# the next poll open or close: TIMED_CHANGES more, once per process).
TIMED_CHANGES = 4
PAGES = {
    "/": 4,
    # Category, its sub-categories, count and page of articles.
    "/chuyen-muc/chuyen-muc-3/": 5,
    "/chuyen-muc/chuyen-muc-3/?page=100": 5,
    # Article, related articles, view count, rating figures, approved comments.
    "/bai-viet/hoi-nghi-giao-ban-so-5000/": 6,
    # The newest articles, then (for words as rare as these) the index, then the page's articles.
    "/tim-kiem/?q=hoi+nghi+so+999": 3,
    # Words in most articles: the newest articles hold the results, the index is not asked.
    "/tim-kiem/?q=hoi+nghi": 2,
    "/rss/": 2,
}


def test_pages_need_few_queries_with_ten_thousand_articles(
    client, ten_thousand_articles, django_assert_max_num_queries
):
    for path, most_queries in PAGES.items():
        cache.clear()
        # Another page fills what every page shares (menu, sidebar, footer counters), so what
        # is measured is this page's own render, not a page served from the cache.
        client.get("/tim-kiem/")
        with django_assert_max_num_queries(most_queries + TIMED_CHANGES):
            response = client.get(path)
        assert response.status_code == 200, path
