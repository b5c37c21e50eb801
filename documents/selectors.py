"""Reads of documents for the public pages and for other apps."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Max, Min, Q

from core.memo import Memo, read_through
from core.textsearch import newest_matching_ids
from review.models import ReviewState

from .models import (
    SEARCH_FTS_TABLE,
    Document,
    DocumentRelation,
    DocumentType,
    IssuingBody,
    Sector,
    Status,
    search_matches,
)

# A reader looks at the newest results; counting every match of common words ("phí chợ") read
# every document twice (the count, then the page), so a search stops here ("hơn 200 văn bản").
SEARCH_MAX_RESULTS = 200


def matching_ids(*, search: str, limit: int, **filters) -> list[int]:
    """The ids of the ``limit`` newest published documents ``search`` finds among those
    ``filters`` allow, newest first."""
    return newest_matching_ids(
        Document.objects.published().filtered(**filters),
        search_matches(search),
        date_field="issued_on",
        fts_table=SEARCH_FTS_TABLE,
        limit=limit,
    )


def public_document(*, slug: str):
    """The document at ``slug`` with its status, type, body and sector, its files, and its
    relations both ways, in three queries; or None."""
    document = (
        Document.objects.published()
        .with_status()
        .select_related("doc_type", "issuing_body", "sector")
        .defer("search_text", "number_key")
        .filter(slug=slug)
        .first()
    )
    if document is None:
        return None
    document.file_list = list(document.files.all())
    # Only published documents are linked: a draft on the other side stays unseen.
    relations = (
        DocumentRelation.objects.filter(Q(source=document) | Q(target=document))
        .filter(source__state=ReviewState.PUBLISHED, target__state=ReviewState.PUBLISHED)
        .select_related("source", "target")
    )
    document.relation_list = []
    for relation in relations.order_by("kind", "pk"):
        if relation.source_id == document.pk:
            document.relation_list.append((relation.get_kind_display(), relation.target))
        else:
            document.relation_list.append((relation.reverse_label, relation.source))
    return document


@dataclass
class Filters:
    """A reader's filters on the document list, read from the address; unknown values are
    dropped, so any address gives a list."""

    doc_type: DocumentType | None = None
    issuing_body: IssuingBody | None = None
    sector: Sector | None = None
    year: int | None = None
    status: str | None = None

    # Query-string names, in the order links write them (one address per filtered list).
    KEYS = ("loai", "co-quan", "linh-vuc", "nam", "hieu-luc")

    @classmethod
    def from_query(cls, query):
        filters = cls()
        filters.doc_type = _kind(DocumentType, query.get("loai"))
        filters.issuing_body = _kind(IssuingBody, query.get("co-quan"))
        filters.sector = _kind(Sector, query.get("linh-vuc"))
        year = query.get("nam", "")
        if year.isascii() and year.isdecimal() and 1900 <= int(year) <= 2200:
            filters.year = int(year)
        status = query.get("hieu-luc")
        if status in Status.values:
            filters.status = status
        return filters

    def as_kwargs(self):
        return {
            "doc_type": self.doc_type,
            "issuing_body": self.issuing_body,
            "sector": self.sector,
            "year": self.year,
            "status": self.status,
        }

    def as_query(self):
        """The address's query string for these filters, in KEYS order."""
        pairs = [
            ("loai", self.doc_type.slug if self.doc_type else None),
            ("co-quan", self.issuing_body.slug if self.issuing_body else None),
            ("linh-vuc", self.sector.slug if self.sector else None),
            ("nam", self.year),
            ("hieu-luc", self.status),
        ]
        return "&".join(f"{key}={value}" for key, value in pairs if value)

    def __bool__(self):
        return any(self.as_kwargs().values())


def _kind(model, slug):
    if not slug:
        return None
    return model.objects.filter(slug=slug).first()


def filter_choices():
    """What the list's filter form offers: every type, body and sector, the years from the
    newest document's back to the oldest's, and the statuses; the same for every reader, so
    kept (``core.memo.read_through``) until a document or a kind changes."""
    kept = read_through(
        _recent_filter_choices, FILTER_CHOICES_CACHE_KEY, _load_filter_choices, 60 * 60
    )
    return {**kept, "statuses": Status.choices}


# Named after what it holds: a release that changes its shape changes the name.
FILTER_CHOICES_CACHE_KEY = "documents:filter-choices:v1"
_recent_filter_choices = Memo(max_entries=1)


def _load_filter_choices():
    # Two index reads: listing the distinct years read every row (40 ms at 10,000 documents).
    span = Document.objects.published().aggregate(first=Min("issued_on"), last=Max("issued_on"))
    years = range(span["last"].year, span["first"].year - 1, -1) if span["last"] else []
    return {
        "doc_types": list(DocumentType.objects.all()),
        "issuing_bodies": list(IssuingBody.objects.all()),
        "sectors": list(Sector.objects.all()),
        "years": list(years),
    }


def forget_filter_choices(**kwargs):
    cache.delete(FILTER_CHOICES_CACHE_KEY)
    _recent_filter_choices.clear()
