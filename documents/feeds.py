"""RSS feeds of new documents: all of them, and one type's (links from SITE_URL, see core.feeds)."""

import datetime

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.feeds import SiteFeed, absolute
from core.links import cached_reverse

from .models import Document, DocumentType

FEED_SIZE = 30


class LatestDocumentsFeed(SiteFeed):
    title = f"{settings.SITE_NAME} – Văn bản"
    description = _("Văn bản mới ban hành")

    def link(self):
        return absolute(cached_reverse("documents:list"))

    def feed_url(self):
        return absolute(cached_reverse("documents:feed"))

    def items(self):
        return self.newest(Document.objects.published())

    @staticmethod
    def newest(documents):
        return documents.select_related("doc_type").defer("full_text", "search_text")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.doc_type.name} {item.number}"

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.issued_on, datetime.time()))

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.doc_type.name]


class TypeFeed(LatestDocumentsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(DocumentType, slug=slug)

    def title(self, doc_type):
        return f"{settings.SITE_NAME} – {doc_type.name}"

    def link(self, doc_type):
        return absolute(cached_reverse("documents:list") + f"?loai={doc_type.slug}")

    def feed_url(self, doc_type):
        return absolute(cached_reverse("documents:type_feed", slug=doc_type.slug))

    def description(self, doc_type):
        return doc_type.name

    def items(self, doc_type):
        return self.newest(Document.objects.published().filter(doc_type=doc_type))
