"""The town's own pages (a tree under /trang/), the main menu and the site's identity.

``Page`` rows form a tree by ``parent``; each keeps its full ``path`` (its ancestors' slugs and
its own), which is its address. When a page moves (a new parent or slug) the paths it and its
descendants leave are kept as ``PageRedirect`` rows pointing at the pages, so every old address
answers with a permanent redirect. ``MenuEntry`` rows are the header menu: each points to a news
category, a page, a named section (``core.sections``) or an outside address, with one level of
sub-entries. ``SiteIdentity`` is a single row: the name, emblem and the footer's particulars.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.images import refresh_renditions
from core.links import cached_reverse
from core.richtext import clean_body
from core.sections import section
from core.uploads import UploadTo, validate_image

# Deep enough for any town's introduction; a deeper tree is refused, not slow.
MAX_DEPTH = 6


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Page.Status.PUBLISHED)


class Page(models.Model):
    """A page staff write (introduction, history, a statement), served at /trang/<path>/.

    It may have a ``parent`` page and ``children`` (ordered by ``order``); its ``path`` is
    derived from the parent's and its own ``slug`` on every save. Readers see it when it and
    every page above it are published. Old paths left by moves are its ``redirects``
    (``PageRedirect``); the menu points to it through ``MenuEntry.page``.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PUBLISHED = "published", _("Đã xuất bản")

    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=100,
        help_text=_(
            "Phần cuối của địa chỉ trang, ví dụ “lich-su” trong /trang/gioi-thieu/lich-su/."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trang cha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveIntegerField(
        _("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước trong các trang cùng cấp.")
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    lead = models.TextField(_("tóm tắt"), blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    cover = models.ImageField(
        _("ảnh đại diện"), upload_to=UploadTo("pages"), blank=True, validators=[validate_image]
    )
    cover_caption = models.CharField(_("chú thích ảnh"), max_length=255, blank=True)
    cover_large = models.ImageField(upload_to=UploadTo("renditions"), blank=True, editable=False)
    path = models.CharField(_("địa chỉ"), max_length=700, unique=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title", "pk"]
        verbose_name = _("trang")
        verbose_name_plural = _("trang")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "slug"], name="page_unique_slug_under_parent"
            ),
        ]

    COVER_RENDITIONS = {"cover_large": 1200}

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        refresh_renditions(self, "cover", self.COVER_RENDITIONS)
        with transaction.atomic(using=kwargs.get("using")):
            # Locked and read from the database, the parent first and then this page (the order
            # every save takes, top down): a page moved at the same moment is either done, and
            # its new path read here, or waits until this save is.
            rows = Page.objects.select_for_update().values_list("path", flat=True)
            if self.parent_id:
                self.parent.path = rows.get(pk=self.parent_id)
            old_path = rows.filter(pk=self.pk).first() if self.pk else None
            self.path = self.computed_path()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body", "path", *self.COVER_RENDITIONS}
            # A page taking an address another page left wins over that old address.
            PageRedirect.objects.filter(old_path=self.path).delete()
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                self._moved(old_path)

    def get_absolute_url(self):
        return cached_reverse("pages:page", path=self.path)

    @property
    def canonical_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def computed_path(self):
        return f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug

    def ancestors(self):
        """The pages above this one, the top first."""
        found, page, seen = [], self.parent, {self.pk}
        while page is not None and page.pk not in seen:
            seen.add(page.pk)
            found.append(page)
            page = page.parent
        return found[::-1]

    def _parent_chain_reaches_itself(self):
        # Read from the database: the objects in hand may already hold the loop being made.
        parent_id, seen = self.parent_id, set()
        while parent_id is not None and parent_id not in seen:
            if parent_id == self.pk:
                return True
            seen.add(parent_id)
            parents = Page.objects.filter(pk=parent_id).values_list("parent_id", flat=True)
            parent_id = parents.first()
        return False

    def clean(self):
        errors = {}
        ancestors = self.ancestors() if self.parent_id else []
        if self.pk and self._parent_chain_reaches_itself():
            errors["parent"] = _(
                "Không thể đặt một trang vào bên trong chính nó hoặc trang con của nó."
            )
        elif len(ancestors) + 1 > MAX_DEPTH:
            errors["parent"] = _("Cây trang chỉ sâu tối đa %(depth)s cấp.") % {"depth": MAX_DEPTH}
        if self.slug:
            siblings = Page.objects.filter(parent=self.parent_id, slug=self.slug).exclude(
                pk=self.pk
            )
            if siblings.exists():
                errors["slug"] = _("Đã có một trang cùng cấp dùng đường dẫn này.")
        if errors:
            raise ValidationError(errors)

    def _moved(self, old_path):
        """Keep the addresses this page and its descendants leave, and give them their new ones."""
        PageRedirect.objects.update_or_create(old_path=old_path, defaults={"page": self})
        prefix = old_path + "/"
        for descendant in Page.objects.filter(path__startswith=prefix).order_by("path"):
            new_path = self.path + "/" + descendant.path.removeprefix(prefix)
            PageRedirect.objects.update_or_create(
                old_path=descendant.path, defaults={"page": descendant}
            )
            PageRedirect.objects.filter(old_path=new_path).delete()
            Page.objects.filter(pk=descendant.pk).update(path=new_path)

    @property
    def text(self):
        return strip_tags(self.body)


class PageRedirect(models.Model):
    """An address a ``Page`` had before it (or a page above it) moved: /trang/<old_path>/
    answers with a permanent redirect to the page's current address. A page that later takes
    this path removes the row, so a live page always wins and no redirect ever leads to another.
    """

    old_path = models.CharField(_("địa chỉ cũ"), max_length=700, unique=True)
    page = models.ForeignKey(
        Page, verbose_name=_("trang"), on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(_("ngày chuyển"), auto_now=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("địa chỉ cũ của trang")
        verbose_name_plural = _("địa chỉ cũ của trang")

    def __str__(self):
        return f"/trang/{self.old_path}/ → {self.page}"


def validate_link(value):
    """A page of the portal ("/van-ban/") or an http(s):// address, nothing else."""
    from django.core.validators import URLValidator

    is_internal = (
        value.startswith("/")
        and not value.startswith(("//", "/\\"))
        and value.isprintable()
        and " " not in value
    )
    if is_internal:
        return
    try:
        URLValidator(schemes=["https", "http"])(value)
    except ValidationError:
        raise ValidationError(
            _(
                "Hãy nhập đường dẫn một trang của cổng (bắt đầu bằng “/”) hoặc một địa chỉ https://."
            ),
            code="invalid_link",
        ) from None


class MenuEntry(models.Model):
    """An entry of the header's main menu, arranged by staff: it points to one ``target`` kind
    (a news ``Category``, a ``Page``, a section by key from ``core.sections``, or an outside
    address). Top-level entries may have ``children`` (one level only), ordered by ``order``.
    An entry whose target is gone, unpublished or not installed is skipped, with its children.
    """

    class Kind(models.TextChoices):
        CATEGORY = "category", _("Chuyên mục tin")
        PAGE = "page", _("Trang")
        SECTION = "section", _("Mục của cổng")
        LINK = "link", _("Địa chỉ khác")

    label = models.CharField(
        _("nhãn"),
        max_length=80,
        blank=True,
        help_text=_("Để trống: dùng tên của chuyên mục, trang hoặc mục được chọn."),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    category = models.ForeignKey(
        "news.Category",
        verbose_name=_("chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    page = models.ForeignKey(
        Page,
        verbose_name=_("trang"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="menu_entries",
    )
    # A plain key (core.sections): an entry for an app not installed is kept, and skipped.
    section = models.CharField(_("mục"), max_length=40, blank=True)
    url = models.CharField(
        _("địa chỉ"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_(
            "Cho loại “Địa chỉ khác”: https://... hoặc một trang của cổng bắt đầu bằng “/”."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc mục"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("mục trình đơn")
        verbose_name_plural = _("trình đơn chính")

    def __str__(self):
        return self.shown_label() or self.get_kind_display()

    _REQUIRED = {
        Kind.CATEGORY: "category",
        Kind.PAGE: "page",
        Kind.SECTION: "section",
        Kind.LINK: "url",
    }

    def clean(self):
        errors = {}
        needed = self._REQUIRED.get(self.kind)
        attribute = {"category": "category_id", "page": "page_id"}.get(needed, needed)
        if needed and not getattr(self, attribute):
            errors[needed] = _("Hãy chọn nơi mục này dẫn tới.")
        if self.kind == self.Kind.LINK and not self.label:
            errors["label"] = _("Mục dẫn tới địa chỉ khác cần có nhãn.")
        if self.parent_id:
            if self.parent.parent_id:
                errors["parent"] = _("Trình đơn chỉ có một cấp mục con.")
            elif self.pk and (self.parent_id == self.pk or self.children.exists()):
                errors["parent"] = _("Một mục đã có mục con thì không thể là mục con.")
        if errors:
            raise ValidationError(errors)
        # Only the chosen target is kept: a kind changed later never follows a stale field.
        for kind, field in self._REQUIRED.items():
            if kind != self.kind:
                setattr(self, field, None if field in ("category", "page") else "")

    def target(self):
        """(label, address) readers see, or None when the target is gone or not public."""
        if self.kind == self.Kind.CATEGORY and self.category_id:
            return self.label or self.category.name, self.category.get_absolute_url()
        if self.kind == self.Kind.PAGE and self.page_id:
            return self.label or self.page.title, self.page.get_absolute_url()
        if self.kind == self.Kind.SECTION and self.section:
            found = section(self.section)
            address = found.url() if found else None
            return (self.label or str(found.label), address) if address else None
        if self.kind == self.Kind.LINK and self.url:
            return self.label, self.url
        return None

    def shown_label(self):
        if self.label:
            return self.label
        if self.kind == self.Kind.CATEGORY and self.category_id:
            return self.category.name
        if self.kind == self.Kind.PAGE and self.page_id:
            return self.page.title
        if self.kind == self.Kind.SECTION and self.section:
            found = section(self.section)
            return str(found.label) if found else self.section
        return ""


class SiteIdentity(models.Model):
    """The portal's identity, one row edited in the admin: the name and emblem in the header,
    and the footer's governing body, person responsible, address, phone, e-mail and licence.
    Relates to nothing; empty fields fall back to the settings' town and site names.
    """

    SINGLETON_PK = 1

    kicker = models.CharField(
        _("dòng trên tên"),
        max_length=120,
        blank=True,
        help_text=_("Mặc định: Cổng thông tin điện tử."),
    )
    full_name = models.CharField(
        _("tên đầy đủ"), max_length=200, blank=True, help_text=_("Tên đơn vị hiện ở đầu trang.")
    )
    emblem = models.ImageField(
        _("biểu trưng"),
        upload_to=UploadTo("identity"),
        blank=True,
        validators=[validate_image],
        help_text=_("Để trống: dùng quốc huy mặc định."),
    )
    governing_body = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Ông Nguyễn Văn A, Phó Chủ tịch UBND."),
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    licence = models.CharField(
        _("giấy phép"),
        max_length=300,
        blank=True,
        help_text=_("Dòng giấy phép thiết lập trang thông tin điện tử."),
    )
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)

    class Meta:
        verbose_name = _("thông tin cổng")
        verbose_name_plural = _("thông tin cổng")

    def __str__(self):
        return str(_("Thông tin cổng"))

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The one row, or an unsaved one with the defaults when staff never saved it."""
        return cls.objects.filter(pk=cls.SINGLETON_PK).first() or cls(pk=cls.SINGLETON_PK)

    @property
    def shown_kicker(self):
        return self.kicker or _("Cổng thông tin điện tử")

    @property
    def shown_name(self):
        return self.full_name or settings.TOWN_NAME

    @property
    def shown_governing_body(self):
        town = settings.TOWN_NAME
        return self.governing_body or _("Ủy ban nhân dân %(town)s") % {
            "town": town[:1].lower() + town[1:]
        }

    def phone_link(self):
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
