"""RSS feeds: the latest articles of the whole site and of one category."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from .models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    title = settings.SITE_NAME
    description = _("Tin mới nhất")

    def link(self):
        return "/"

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
        return category.get_absolute_url()

    def description(self, category):
        return category.name

    def items(self, category):
        return Article.objects.published().for_listing().in_category(category)[:FEED_SIZE]
