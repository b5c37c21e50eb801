"""Consultations on drafts (lấy ý kiến dự thảo): the draft, its files, citizens' comments and the
result published after closing."""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.clientip import address_block
from core.links import slug_url
from core.moderation import ModeratedQuerySet, ModerationStatus
from core.richtext import clean_body
from core.slugs import save_with_unique_slug
from core.uploads import UploadTo, document_format, validate_document
from core.windows import OpeningWindow, WindowQuerySet, closes_after_opening

from .signals import announce_comments_changed


class Phase(models.TextChoices):
    """Where a consultation stands, computed from its times (never stored)."""

    UPCOMING = "sap-mo", _("Sắp mở")
    OPEN = "dang-lay-y-kien", _("Đang lấy ý kiến")
    CLOSED = "da-ket-thuc", _("Đã kết thúc")


class Consultation(OpeningWindow):
    """A draft decision or plan open for citizens' comments between two times.

    Its unit (organisation.Unit) is responsible for it; its files are ConsultationFile rows
    (the draft's, and the result's once closed); citizens' comments are ConsultationComment
    rows. Its phase comes from the time (``phase``).
    """

    title = models.CharField(_("tên dự thảo"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True, blank=True)
    summary = models.TextField(_("tóm tắt"))
    draft = models.TextField(_("nội dung dự thảo"), blank=True)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị chủ trì"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    # The window's times (core.windows), named for what citizens do in it.
    opens_at = models.DateTimeField(_("bắt đầu lấy ý kiến"))
    closes_at = models.DateTimeField(_("kết thúc lấy ý kiến"))
    result = models.TextField(
        _("kết quả"),
        blank=True,
        help_text=_("Sau khi kết thúc: tổng hợp các ý kiến nhận được và những gì đã tiếp thu."),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)

    objects = WindowQuerySet.as_manager()
    Phase = Phase

    class Meta(OpeningWindow.Meta):
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")
        constraints = [closes_after_opening("consultation_closes_after")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The editor's HTML is sanitised as article bodies are (core.richtext).
        self.draft = clean_body(self.draft)
        self.result = clean_body(self.result)
        save_with_unique_slug(
            self, lambda: super(Consultation, self).save(*args, **kwargs), self.title, 200
        )

    def get_absolute_url(self):
        return slug_url("consultations:detail", self.slug)

    @property
    def canonical_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def phase_label(self):
        return self.phase().label

    def received_count(self):
        """How many comments citizens sent (spam left out), shown on the page."""
        return self.comments.exclude(status=ModerationStatus.SPAM).count()


class ConsultationFile(models.Model):
    """A file of a Consultation: part of the draft, or of the result published after closing."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("dự thảo"), on_delete=models.CASCADE, related_name="files"
    )
    title = models.CharField(_("tên tệp"), max_length=200)
    file = models.FileField(
        _("tệp"),
        upload_to=UploadTo("lay-y-kien", kind="document"),
        validators=[validate_document],
        max_length=200,
        help_text=_("PDF, DOC, DOCX, XLS, XLSX hoặc ODT."),
    )
    is_result = models.BooleanField(
        _("thuộc kết quả"), default=False, help_text=_("Tệp của kết quả, không phải của dự thảo.")
    )
    extension = models.CharField(_("định dạng"), max_length=8, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # The kind comes from the content (core.uploads), never from the uploaded name.
            self.extension = document_format(self.file)
            self.size = self.file.size
            self.file.name = f"tep.{self.extension}"
        super().save(*args, **kwargs)

    @property
    def size_label(self):
        return filesizeformat(self.size)

    @property
    def label(self):
        """ "Dự thảo quyết định (PDF, 245,3 KB)" as the link reads."""
        return f"{self.title} ({self.extension.upper()}, {self.size_label})"

    @property
    def stored_name(self):
        return PurePosixPath(self.file.name).name


class CommentQuerySet(ModeratedQuerySet):
    def from_ip_since(self, ip, since):
        """Comments from ``ip``'s address block (an IPv6 /64 counts as one citizen)."""
        return self.filter(ip_block=address_block(ip), created_at__gte=since)


class ConsultationComment(models.Model):
    """A citizen's comment on a Consultation's draft; public once approved. The contact (an
    e-mail address or a phone number) is for staff only."""

    Status = ModerationStatus

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("dự thảo"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    name = models.CharField(_("họ và tên"), max_length=100)
    contact = models.CharField(_("thư điện tử hoặc số điện thoại"), max_length=100)
    text = models.TextField(_("ý kiến"))
    ip = models.GenericIPAddressField(_("địa chỉ IP"))
    ip_block = models.CharField(_("khối địa chỉ IP"), max_length=43, editable=False, default="")
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
    )
    created_at = models.DateTimeField(_("thời gian gửi"), default=timezone.now, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        indexes = [
            models.Index(
                fields=["consultation", "status", "created_at"], name="ccomment_consultation_idx"
            ),
            models.Index(fields=["ip_block", "created_at"], name="ccomment_ip_block_idx"),
        ]

    def __str__(self):
        return f"{self.name}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.ip_block = address_block(self.ip)
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        return self.status == ModerationStatus.APPROVED


@receiver(post_delete, sender=ConsultationComment, dispatch_uid="consultations-deleted-comment")
def _after_comment_deleted(instance, origin=None, **kwargs):
    """A comment staff deleted leaves the count and the cached page at once (the admin deletes
    as a queryset, so a signal, not delete()); not when its consultation goes with it."""
    if getattr(origin, "model", type(origin)) is not ConsultationComment:
        return
    announce_comments_changed(instance.consultation)
