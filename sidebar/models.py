"""The sidebar blocks staff manage on every page: the town map, songs about the town, links."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.images import refresh_renditions
from core.uploads import UploadTo, validate_audio, validate_image


class ShownQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_shown=True)


class SidebarBlock(models.Model):
    """What every block has: a title, a place in its list, and a switch to hide it."""

    title = models.CharField(_("tiêu đề"), max_length=200)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_shown = models.BooleanField(_("hiển thị"), default=True)

    objects = ShownQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class TownMap(SidebarBlock):
    """The town's map: the first shown one is in the sidebar, with a preview and a full view."""

    image = models.ImageField(
        _("ảnh bản đồ"), upload_to=UploadTo("maps"), validators=[validate_image]
    )
    preview = models.ImageField(upload_to=UploadTo("renditions"), blank=True, editable=False)
    full_view = models.ImageField(upload_to=UploadTo("renditions"), blank=True, editable=False)

    RENDITIONS = {"preview": 480, "full_view": 2000}

    class Meta(SidebarBlock.Meta):
        verbose_name = _("bản đồ thị xã")
        verbose_name_plural = _("bản đồ thị xã")

    def save(self, *args, **kwargs):
        refresh_renditions(self, "image", self.RENDITIONS)
        super().save(*args, **kwargs)


class Song(SidebarBlock):
    """A song about the town, played in the sidebar."""

    performer = models.CharField(_("trình bày"), max_length=200, blank=True)
    audio = models.FileField(
        _("tệp âm thanh"), upload_to=UploadTo("songs", kind="audio"), validators=[validate_audio]
    )

    class Meta(SidebarBlock.Meta):
        verbose_name = _("ca khúc")
        verbose_name_plural = _("các ca khúc hay")


class WebsiteLink(SidebarBlock):
    """A link to another government site, listed in the sidebar."""

    url = models.URLField(_("địa chỉ"), max_length=500)

    class Meta(SidebarBlock.Meta):
        verbose_name = _("liên kết website")
        verbose_name_plural = _("liên kết website")
