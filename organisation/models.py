"""The town's units: the council, the people's committee, its offices, public service units and
the wards and communes, each with its functions and how to reach it.

A Unit may sit under a parent Unit (an office under the people's committee), which draws the
organisation chart. Other apps refer to a Unit as the one responsible for something (a question
to answer, a consultation).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self):
        return self.name
