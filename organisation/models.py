"""The town's units: the council, the people's committee, its offices, public service units and
the wards and communes, each with its functions and how to reach it; the people in them; and the
town's short introduction, shown on the English home page.

A Unit may sit under a parent Unit (an office under the people's committee), which draws the
organisation chart. A Person belongs to one Unit. Other apps refer to a Unit as the one
responsible for something (a question to answer, a consultation).

English sits beside Vietnamese in the same record (``name_en``, ``position_en``...): a handful of
fields in one language more, edited side by side in the admin; a translation library would add
tables and a language switch to every query for that. An empty English field falls back to the
Vietnamese text (``english()``).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.images import refresh_renditions
from core.text import fold
from core.textsearch import Match, search_terms
from core.uploads import UploadTo, validate_image


def english(english_text, vietnamese_text):
    """The English text, or the Vietnamese one when nobody wrote the English yet."""
    return english_text or vietnamese_text


class UnitQuerySet(models.QuerySet):
    def on_contact_page(self):
        """The units whose addresses the contact page lists (the committee's when none is)."""
        chosen = self.filter(show_on_contact=True)
        if chosen.exists():
            return chosen
        return self.filter(kind=Unit.Kind.COMMITTEE)


class Unit(models.Model):
    """One unit of the town's organisation; English fields sit beside the Vietnamese ones."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Hội đồng nhân dân")
        COMMITTEE = "committee", _("Ủy ban nhân dân")
        OFFICE = "office", _("Phòng, ban chuyên môn")
        SERVICE = "service", _("Đơn vị sự nghiệp")
        WARD = "ward", _("Phường, xã")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên đơn vị"), max_length=200)
    name_en = models.CharField(_("tên đơn vị (tiếng Anh)"), max_length=200, blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.OFFICE)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    functions = models.TextField(_("chức năng, nhiệm vụ"), blank=True)
    functions_en = models.TextField(_("chức năng, nhiệm vụ (tiếng Anh)"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    address_en = models.CharField(_("địa chỉ (tiếng Anh)"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    show_on_contact = models.BooleanField(
        _("hiện ở trang Liên hệ"),
        default=False,
        help_text=_(
            "Địa chỉ của đơn vị được liệt kê ở trang Liên hệ. Khi không đơn vị nào được chọn, "
            "trang Liên hệ hiện địa chỉ của Ủy ban nhân dân."
        ),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:unit", kwargs={"slug": self.slug})

    def get_english_url(self):
        return reverse("organisation:unit_en", kwargs={"slug": self.slug})

    @property
    def english_name(self):
        return english(self.name_en, self.name)

    @property
    def english_functions(self):
        return english(self.functions_en, self.functions)

    @property
    def english_address(self):
        return english(self.address_en, self.address)


class PersonQuerySet(models.QuerySet):
    def leadership(self):
        return self.filter(is_leadership=True)

    def spokespeople(self):
        return self.filter(is_spokesperson=True)

    def search(self, query):
        """People whose name, position or unit holds every word of ``query``, accents optional.

        The folded text is stored with the person (``search_text``), so the same plain LIKE
        finds "Nguyễn Văn" from "nguyen van" on SQLite and on PostgreSQL.
        """
        terms = search_terms(query)
        if not terms:
            return self.none()
        return self.filter(Match("search_text", tuple(terms)).condition())


class Person(models.Model):
    """Someone in a Unit: their position, photo and how to reach them; marked when they are in
    the town's leadership or its spokesperson (người phát ngôn)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="people"
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=200)
    position_en = models.CharField(_("chức vụ (tiếng Anh)"), max_length=200, blank=True)
    photo = models.ImageField(
        _("ảnh"),
        upload_to=UploadTo("people"),
        blank=True,
        validators=[validate_image],
        help_text=_("Ảnh chân dung; thông tin kèm theo ảnh (vị trí, máy chụp) được xóa khi lưu."),
    )
    photo_small = models.ImageField(upload_to=UploadTo("renditions"), blank=True, editable=False)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_leadership = models.BooleanField(
        _("lãnh đạo"), default=False, help_text=_("Hiện trong mục Lãnh đạo ở trang Tổ chức.")
    )
    is_spokesperson = models.BooleanField(
        _("người phát ngôn"),
        default=False,
        help_text=_("Người phát ngôn, cung cấp thông tin cho báo chí; hiện ở trang Tổ chức."),
    )
    search_text = models.TextField(editable=False, blank=True)

    objects = PersonQuerySet.as_manager()

    RENDITIONS = {"photo_small": 240}

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        refresh_renditions(self, "photo", self.RENDITIONS)
        self.search_text = fold(" ".join([self.name, self.position, self.position_en]))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "photo_small"}
        super().save(*args, **kwargs)

    def get_vcard_url(self):
        return reverse("organisation:vcard", kwargs={"pk": self.pk})

    @property
    def english_position(self):
        return english(self.position_en, self.position)


class Introduction(models.Model):
    """The town's short introduction, in Vietnamese and English side by side; the English one
    is the English home page (/en/). The newest saved record is the one shown."""

    title = models.CharField(_("tiêu đề"), max_length=200)
    title_en = models.CharField(_("tiêu đề (tiếng Anh)"), max_length=200, blank=True)
    text = models.TextField(_("nội dung"))
    text_en = models.TextField(_("nội dung (tiếng Anh)"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("giới thiệu chung")
        verbose_name_plural = _("giới thiệu chung")

    def __str__(self):
        return self.title

    @property
    def english_title(self):
        return english(self.title_en, self.title)

    @property
    def english_text(self):
        return english(self.text_en, self.text)
