"""RSS feed of consultations, newest opened first (links from SITE_URL, see core.feeds)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.feeds import SiteFeed, absolute
from core.links import cached_reverse

from .models import Consultation

FEED_SIZE = 30


class ConsultationFeed(SiteFeed):
    title = f"{settings.SITE_NAME} – Lấy ý kiến dự thảo"
    description = _("Dự thảo đang và đã lấy ý kiến nhân dân")

    def link(self):
        return absolute(cached_reverse("consultations:list"))

    def feed_url(self):
        return absolute(cached_reverse("consultations:feed"))

    def items(self):
        # Announced once open: an upcoming one appears when it opens (refresh_pages_at).
        return Consultation.objects.started().defer("draft", "result")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.opens_at

    def item_updateddate(self, item):
        return item.updated_at
