"""The town's registry of legal and directive documents (văn bản), their files and relations, and
the access-to-information list."""

import datetime
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import cached_reverse, slug_url
from core.slugs import save_with_unique_slug
from core.text import fold
from core.textsearch import Match, matching, search_terms
from core.uploads import DOCUMENT_CONTENT_TYPES, UploadTo, document_format, validate_document
from review.models import Reviewable, ReviewState, state_field

# SQLite's trigram index over Document.search_text and number_key (migration 0004).
SEARCH_FTS_TABLE = "documents_document_fts"


def today():
    """The town's date now: a document's status turns at local midnight."""
    return timezone.localdate()


def search_matches(query):
    """What finds a document for ``query``: its text holding every word, or its number
    holding the words written together ("15/2024/QĐ - UBND" for "15/2024/qđ-ubnd")."""
    terms = search_terms(query)
    if not terms:
        return []
    return [Match("search_text", tuple(terms)), Match("number_key", ("".join(terms),))]


def number_key(text):
    """A number as searched, folded and without spaces: "15/2024/QĐ - UBND" -> "15/2024/qd-ubnd"."""
    return "".join(fold(text).split())


class Kind(models.Model):
    """What every list a document is classified by has: a name, an address slug and an order."""

    name = models.CharField(_("tên"), max_length=150)
    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        save_with_unique_slug(self, lambda: super(Kind, self).save(*args, **kwargs), self.name, 160)


class DocumentType(Kind):
    """A type of document (Quyết định, Chỉ thị, Kế hoạch, …); each Document has one, and the list
    and feeds filter by it."""

    class Meta(Kind.Meta):
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")


class IssuingBody(Kind):
    """Who issues documents (HĐND, UBND thị xã, a department, …); each Document has one."""

    class Meta(Kind.Meta):
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")


class Sector(Kind):
    """A field of government (lĩnh vực: đất đai, tài chính, …); a Document may have one."""

    class Meta(Kind.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")


class Status(models.TextChoices):
    """What a reader is told about a document's force; computed, never stored (see annotate)."""

    IN_FORCE = "con-hieu-luc", _("Còn hiệu lực")
    NOT_YET = "chua-co-hieu-luc", _("Chưa có hiệu lực")
    EXPIRED = "het-hieu-luc", _("Hết hiệu lực")


class DocumentQuerySet(models.QuerySet):
    def published(self):
        """Documents readers may see: approved and published (``Document.state``)."""
        return self.filter(state=ReviewState.PUBLISHED)

    def with_status(self, on=None):
        """Annotate ``status`` (a Status value) as of the date ``on`` (today by default).

        Expired: its expiry date has come, or a document that replaces it is in force.
        Not yet in force: its effective date has not come. Otherwise in force. Computed in the
        query from the date, so it can never go stale, and can be filtered on.
        """
        on = on or today()
        # Only a published replacement expires a document: a draft one is not law yet.
        replaced = DocumentRelation.objects.filter(
            target=OuterRef("pk"),
            kind=DocumentRelation.Kind.REPLACES,
            source__effective_on__lte=on,
            source__state=ReviewState.PUBLISHED,
        )
        return self.annotate(
            status=Case(
                When(Q(expires_on__lte=on) | Exists(replaced), then=Value(Status.EXPIRED)),
                When(effective_on__gt=on, then=Value(Status.NOT_YET)),
                default=Value(Status.IN_FORCE),
                output_field=models.CharField(),
            )
        )

    def for_listing(self):
        return (
            self.with_status()
            .select_related("doc_type", "issuing_body")
            .defer("full_text", "search_text")
        )

    def filtered(self, *, doc_type=None, issuing_body=None, sector=None, year=None, status=None):
        """The documents every given filter allows (filters combine)."""
        found = self
        if doc_type is not None:
            found = found.filter(doc_type=doc_type)
        if issuing_body is not None:
            found = found.filter(issuing_body=issuing_body)
        if sector is not None:
            found = found.filter(sector=sector)
        if year is not None:
            found = found.filter(
                issued_on__gte=datetime.date(year, 1, 1),
                issued_on__lt=datetime.date(year + 1, 1, 1),
            )
        if status is not None:
            found = found.with_status().filter(status=status)
        return found

    def search(self, query):
        """Documents whose number holds ``query`` (spaces, case and accents ignored:
        "15/2024/qđ-ubnd", "15/2024"), or whose number, summary and text hold every word of it,
        accents optional ("phi cho" finds "phí chợ"); from the trigram index."""
        return matching(self, search_matches(query), fts_table=SEARCH_FTS_TABLE)

    def next_status_change(self):
        """When a document's status next changes by itself (an effective or expiry date comes),
        as an aware datetime at the town's midnight, or None."""
        now = today()
        # One query: every cached page's first render after an edit asks this.
        coming = self.aggregate(
            effective=models.Min("effective_on", filter=Q(effective_on__gt=now)),
            expiry=models.Min("expires_on", filter=Q(expires_on__gt=now)),
        )
        upcoming = [day for day in coming.values() if day]
        if not upcoming:
            return None
        midnight = datetime.datetime.combine(min(upcoming), datetime.time())
        return timezone.make_aware(midnight)


class Document(Reviewable):
    """A legal or directive document the town publishes.

    It goes through review (``review``): clerks enter it, and staff with the permission
    ``documents.approve_document`` publish, return or withdraw it; only published documents
    (``state``) are public.

    It has one DocumentType, one IssuingBody and maybe one Sector; its files are DocumentFile
    rows; DocumentRelation rows tie it to other documents (it replaces, amends or relates to
    them). Its status for readers comes from its dates and the documents replacing it
    (``DocumentQuerySet.with_status``).
    """

    number = models.CharField(
        _("số, ký hiệu"), max_length=80, unique=True, help_text=_("Ví dụ: 15/2024/QĐ-UBND")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True, blank=True)
    doc_type = models.ForeignKey(
        DocumentType,
        verbose_name=_("loại văn bản"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuing_body = models.ForeignKey(
        IssuingBody,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("lĩnh vực"),
        on_delete=models.PROTECT,
        related_name="documents",
        null=True,
        blank=True,
    )
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(_("ngày có hiệu lực"))
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    summary = models.TextField(_("trích yếu"))
    full_text = models.TextField(_("toàn văn"), blank=True)
    # "status" is the document's force (in force, expired: DocumentQuerySet.with_status).
    state = state_field()
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)
    # Number, summary and text without accents, and the number without spaces, for searching.
    search_text = models.TextField(editable=False, blank=True)
    number_key = models.CharField(max_length=80, editable=False, blank=True, db_index=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        permissions = [
            ("approve_document", _("Có thể duyệt, xuất bản và gỡ văn bản")),
            ("restore_document", _("Có thể khôi phục phiên bản cũ của văn bản")),
        ]
        indexes = [
            models.Index(fields=["-issued_on", "-id"], name="document_newest_idx"),
            models.Index(fields=["doc_type", "-issued_on"], name="document_type_idx"),
            models.Index(fields=["issuing_body", "-issued_on"], name="document_body_idx"),
            models.Index(fields=["sector", "-issued_on"], name="document_sector_idx"),
        ]

    STATE_FIELD = "state"

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        self.fill_search_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "number_key", "search_text"}
        # "15/2024/QĐ-UBND" -> /van-ban/15-2024-qd-ubnd/
        text = self.number.replace("/", "-")
        save_with_unique_slug(self, lambda: super(Document, self).save(*args, **kwargs), text, 200)

    def get_absolute_url(self):
        return slug_url("documents:detail", self.slug)

    def fill_search_fields(self):
        """Tidy the number and rebuild what search reads (also for rows made by bulk_create)."""
        self.number = " ".join(self.number.split())
        self.number_key = number_key(self.number)
        self.search_text = fold(" ".join([self.number, self.summary, self.full_text]))

    def clean(self):
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            raise ValidationError(
                {"effective_on": _("Ngày có hiệu lực không được trước ngày ban hành.")}
            )
        if self.expires_on and self.effective_on and self.expires_on <= self.effective_on:
            raise ValidationError({"expires_on": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})

    @property
    def canonical_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def status_label(self):
        """The annotated status (``with_status``) as readers read it."""
        return Status(self.status).label


class DocumentFile(models.Model):
    """A file attached to a Document (many per document), stored under a generated name and
    served under its real one; its downloads are counted (documents.downloads)."""

    document = models.ForeignKey(
        Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(
        _("tệp"),
        upload_to=UploadTo("van-ban", kind="document"),
        validators=[validate_document],
        max_length=200,
        help_text=_("PDF, DOC, DOCX, XLS, XLSX hoặc ODT."),
    )
    original_name = models.CharField(_("tên tệp"), max_length=200, blank=True)
    extension = models.CharField(_("định dạng"), max_length=8, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    download_count = models.PositiveBigIntegerField(_("lượt tải"), default=0, editable=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    _loaded_original_name = None

    def __str__(self):
        return self.original_name or self.file.name

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # The kind comes from the content; the stored name from UploadTo, with that kind's
            # extension; the uploader's name is kept only to serve the file under it.
            uploaded = PurePosixPath(self.file.name).name
            self.extension = document_format(self.file)
            self.size = self.file.size
            # A new file brings its own name, unless staff typed another one with it.
            if self.original_name in ("", self._loaded_original_name):
                self.original_name = uploaded
            self.file.name = f"tep.{self.extension}"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("documents:download", str(self.pk))

    @classmethod
    def from_db(cls, db, field_names, values):
        attached = super().from_db(db, field_names, values)
        attached._loaded_original_name = attached.__dict__.get("original_name")
        return attached

    @property
    def size_label(self):
        """The size as readers read it: "245,3 KB"."""
        return filesizeformat(self.size)

    @property
    def content_type(self):
        return DOCUMENT_CONTENT_TYPES.get(self.extension, "application/octet-stream")

    @property
    def download_name(self):
        """The real name, with the extension its content has."""
        stem = PurePosixPath(self.original_name).stem or "van-ban"
        return f"{stem}.{self.extension}"


class DocumentRelation(models.Model):
    """One Document's tie to another: ``source`` replaces, amends or relates to ``target``.

    The reverse reads are "replaced by" and "amended by"; a replacement in force makes the
    target expired (``DocumentQuerySet.with_status``).
    """

    class Kind(models.TextChoices):
        REPLACES = "replaces", _("Thay thế")
        AMENDS = "amends", _("Sửa đổi, bổ sung")
        RELATED = "related", _("Liên quan")

    REVERSE_LABELS = {
        Kind.REPLACES: _("Bị thay thế bởi"),
        Kind.AMENDS: _("Được sửa đổi, bổ sung bởi"),
        Kind.RELATED: _("Liên quan"),
    }

    source = models.ForeignKey(
        Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="relations"
    )
    kind = models.CharField(_("quan hệ"), max_length=10, choices=Kind.choices)
    target = models.ForeignKey(
        Document,
        verbose_name=_("văn bản liên quan"),
        on_delete=models.CASCADE,
        related_name="reverse_relations",
    )

    class Meta:
        verbose_name = _("văn bản liên quan")
        verbose_name_plural = _("văn bản liên quan")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="document_relation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="document_relation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.source} – {self.get_kind_display()} – {self.target}"

    def clean(self):
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("Văn bản không thể liên quan đến chính nó.")})

    @property
    def reverse_label(self):
        return self.REVERSE_LABELS[self.kind]


class PublicInformation(models.Model):
    """An entry of the list of information the town must publish (Danh mục thông tin phải được
    công khai), linking to where it lives: a DocumentType's documents, or any address."""

    title = models.CharField(_("thông tin"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    doc_type = models.ForeignKey(
        DocumentType,
        verbose_name=_("loại văn bản"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Dẫn đến danh sách văn bản loại này…"),
    )
    link = models.CharField(
        _("hoặc đường dẫn"),
        max_length=300,
        blank=True,
        help_text=_("…hoặc đến địa chỉ này (ví dụ /chuyen-muc/ngan-sach/)."),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("thông tin phải công khai")
        verbose_name_plural = _("danh mục thông tin phải công khai")

    def __str__(self):
        return self.title

    def clean(self):
        if self.link and not (self.link.startswith("/") or self.link.startswith("https://")):
            raise ValidationError({"link": _("Đường dẫn phải bắt đầu bằng / hoặc https://")})

    def url(self):
        if self.doc_type_id:
            return cached_reverse("documents:list") + f"?loai={self.doc_type.slug}"
        return self.link


class InformationContact(models.Model):
    """The contact point for information requests shown on the access-to-information page; the
    page shows the first one. Stands alone: no other model refers to it."""

    unit = models.CharField(_("đơn vị đầu mối"), max_length=255)
    person = models.CharField(_("người phụ trách"), max_length=150, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    how_to_ask = models.TextField(
        _("cách yêu cầu cung cấp thông tin"),
        blank=True,
        help_text=_("Mỗi dòng là một bước."),
    )

    class Meta:
        verbose_name = _("đầu mối cung cấp thông tin")
        verbose_name_plural = _("đầu mối cung cấp thông tin")

    def __str__(self):
        return self.unit
