"""What a reader may see of the news, read for the views and for other apps (ratings, stats)."""

from django.utils import timezone

from . import shell
from .models import PUBLIC_ARTICLE, Article


def public_article(*, slug: str) -> Article | None:
    """The article a reader sees at ``slug``, with its category, parent and rating, or None.

    Every render of an article page asks this, so it is a prepared query (core.prepared), and
    the categories come from the menu (news.shell), which holds them all.
    """
    found = PUBLIC_ARTICLE(slug=slug, now=timezone.now())
    article = found[0] if found else None
    if article is not None:
        article.category = shell.category(article.category_id)
    return article
