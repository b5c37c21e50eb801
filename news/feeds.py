"""RSS feeds: the latest articles of the whole site and of one category.

Every link is absolute from ``SITE_URL``: Django's Feed would otherwise prefix relative links
with the request's Host header, and a feed is cached for every reader.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    title = settings.SITE_NAME
    description = _("Tin mới nhất")

    def link(self):
        return settings.SITE_URL + "/"

    def feed_url(self):
        return settings.SITE_URL + reverse("news:feed")

    def item_link(self, item):
        return item.canonical_url

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
        return settings.SITE_URL + category.get_absolute_url()

    def feed_url(self, category):
        return settings.SITE_URL + reverse("news:category_feed", kwargs={"slug": category.slug})

    def description(self, category):
        return category.name

    def items(self, category):
        return Article.objects.published().for_listing().in_category(category)[:FEED_SIZE]
