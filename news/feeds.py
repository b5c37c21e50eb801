"""RSS feeds: the latest articles of the whole site and of one category (links from SITE_URL,
see core.feeds)."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.feeds import SiteFeed, absolute

from .models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(SiteFeed):
    title = settings.SITE_NAME
    description = _("Tin mới nhất")

    def link(self):
        return absolute("/")

    def feed_url(self):
        return absolute(reverse("news:feed"))

    def items(self):
        return Article.objects.published().for_listing()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"{settings.SITE_NAME} – {category.name}"

    def link(self, category):
        return absolute(category.get_absolute_url())

    def feed_url(self, category):
        return absolute(reverse("news:category_feed", kwargs={"slug": category.slug}))

    def description(self, category):
        return category.name

    def items(self, category):
        return Article.objects.published().for_listing().in_category(category)[:FEED_SIZE]
