"""RSS feed of newly published questions and answers (links from SITE_URL, see core.feeds)."""

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.feeds import SiteFeed, absolute
from core.links import cached_reverse

from .models import Question

FEED_SIZE = 30


class LatestQuestionsFeed(SiteFeed):
    title = f"{settings.SITE_NAME} – Hỏi đáp"
    description = _("Câu hỏi của người dân và câu trả lời mới công bố")

    def link(self):
        return absolute(cached_reverse("questions:list"))

    def feed_url(self):
        return absolute(cached_reverse("questions:feed"))

    def items(self):
        return (
            Question.objects.published()
            .select_related("field")
            .only("title", "answer", "published_at", "updated_at", "field__name", "field")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return Truncator(strip_tags(item.answer)).words(60)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.field.name]
