"""Questions citizens ask the town (hỏi đáp): the question with its tracking code, the unit that
answers it, the answer and its files, the fields questions are filed under, and which staff
member answers for which unit.

A citizen's Question is received, assigned to an organisation Unit, answered, then published
with its answer, or declined with a reason; its tracking code lets the asker follow it without
an account. A Responder ties a staff user to the Unit whose questions they answer.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.clientip import address_block
from core.privatefiles import private_storage
from core.richtext import clean_body
from core.slugs import save_with_unique_slug
from core.text import fold
from core.textsearch import Match, search_terms
from core.uploads import UploadTo, document_format, validate_document
from organisation.models import Unit

from .signals import announce_public_questions_changed

# Letters and digits that cannot be mistaken for each other when read aloud or copied by hand:
# no 0/O, 1/I/L, U/V: 29 characters, 6 of them: 594 million codes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
CODE_LENGTH = 6
CODE_PREFIX = "HD-"


def new_code():
    return CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalised_code(typed):
    """A code as stored, from what a reader typed: "hd 7k3m9q", "7K3M-9Q" -> "HD-7K3M9Q"; or ""
    when it cannot be a code at all."""
    letters = "".join(ch for ch in (typed or "").upper() if ch.isascii() and ch.isalnum())
    if letters.startswith("HD") and len(letters) == CODE_LENGTH + 2:
        letters = letters[2:]
    if len(letters) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in letters):
        return ""
    return CODE_PREFIX + letters


def code_digest(code):
    """What the lookup compares: a code's SHA-256. Looking rows up by it, the database's timing
    can only tell how much of a digest matched, which says nothing about any real code."""
    return hashlib.sha256(code.encode()).hexdigest()


def answer_days():
    return settings.QUESTIONS_ANSWER_DAYS


class Field(models.Model):
    """A field of public life a question is filed under (lĩnh vực: đất đai, xây dựng, ...)."""

    name = models.CharField(_("tên lĩnh vực"), max_length=150)
    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("lĩnh vực hỏi đáp")
        verbose_name_plural = _("lĩnh vực hỏi đáp")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        save = super().save
        save_with_unique_slug(self, lambda: save(*args, **kwargs), self.name, 160)


class Responder(models.Model):
    """A staff member who answers the questions of one organisation Unit.

    Staff in the "Trả lời hỏi đáp" group see and answer only their unit's questions; those with
    the ``coordinate_questions`` permission (and superusers) see all and assign them.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="question_responder",
        limit_choices_to={"is_staff": True},
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="responders"
    )

    class Meta:
        verbose_name = _("cán bộ trả lời hỏi đáp")
        verbose_name_plural = _("cán bộ trả lời hỏi đáp")
        permissions = [
            ("coordinate_questions", _("Điều phối hỏi đáp: xem mọi câu hỏi và phân công đơn vị")),
        ]

    def __str__(self):
        return f"{self.user} – {self.unit}"


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Question.Status.PUBLISHED)

    def waiting(self):
        """Questions the town still owes an answer to (received, assigned, answered unpublished)."""
        return self.filter(status__in=Question.WAITING)

    def overdue(self, now=None):
        """Waiting questions received more than QUESTIONS_ANSWER_DAYS days ago."""
        now = now or timezone.now()
        return self.waiting().filter(received_at__lt=now - timedelta(days=answer_days()))

    def from_address_block_today(self, ip):
        since = timezone.now() - timedelta(days=1)
        return self.filter(ip_block=address_block(ip), received_at__gte=since)

    def search(self, query):
        """Questions whose title, text or answer hold every word of ``query``, accents optional
        (the folded text is stored, so this works alike on SQLite and PostgreSQL)."""
        terms = search_terms(query)
        if not terms:
            return self
        return self.filter(Match("search_text", tuple(terms)).condition())

    def for_listing(self):
        return self.select_related("field", "unit").defer("search_text", "text", "answer")


def attachment_path(instance, filename):
    """Where a checked attachment is stored: its kind decided by the extension its content gave."""
    kind = "image" if filename.rsplit(".", 1)[-1] in {"jpg", "png", "gif", "webp"} else "document"
    return UploadTo("hoi-dap", kind)(instance, filename)


class Question(models.Model):
    """A citizen's question, its tracking code, its path through the office, and its answer.

    The asker's contact details (e-mail, phone) and IP address are for staff only; the public
    page shows the name as the asker chose (in full, initials, or not at all).
    """

    class Status(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        ASSIGNED = "assigned", _("Đã chuyển đơn vị trả lời")
        ANSWERED = "answered", _("Đã có câu trả lời, chờ công bố")
        PUBLISHED = "published", _("Đã công bố câu trả lời")
        DECLINED = "declined", _("Không trả lời")

    class NameShown(models.TextChoices):
        INITIALS = "initials", _("Chỉ hiện chữ cái đầu của họ tên")
        FULL = "full", _("Hiện đầy đủ họ tên")
        HIDDEN = "hidden", _("Không hiện tên")

    WAITING = (Status.RECEIVED, Status.ASSIGNED, Status.ANSWERED)

    # Both filled in by save(); blank until then, so that full_clean() passes a new question.
    code = models.CharField(_("mã tra cứu"), max_length=12, unique=True, editable=False, blank=True)
    code_digest = models.CharField(max_length=64, unique=True, editable=False, blank=True)
    name = models.CharField(_("họ và tên"), max_length=120)
    name_shown = models.CharField(
        _("hiển thị tên"), max_length=10, choices=NameShown.choices, default=NameShown.INITIALS
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    ward = models.ForeignKey(
        Unit,
        verbose_name=_("phường, xã"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Unit.Kind.WARD},
    )
    ward_text = models.CharField(_("nơi ở (tự ghi)"), max_length=150, blank=True)
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="questions"
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    text = models.TextField(_("nội dung câu hỏi"))
    # A citizen's file may name them or their neighbours: read by staff through the admin only.
    attachment = models.FileField(
        _("tệp đính kèm của người hỏi"),
        upload_to=attachment_path,
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True, editable=False)
    ip_block = models.CharField(
        _("khối địa chỉ IP"), max_length=43, editable=False, default="", blank=True
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    # PROTECT: a unit that has answered questions stays, so their history keeps its answerer.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị trả lời"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
    )
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    decline_reason = models.TextField(_("lý do không trả lời"), blank=True)
    received_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, db_index=True)
    assigned_at = models.DateTimeField(_("ngày chuyển đơn vị"), null=True, blank=True)
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("ngày công bố"), null=True, blank=True)
    declined_at = models.DateTimeField(_("ngày từ chối"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # Title, text and answer without accents: "dat dai" finds "đất đai" on any database.
    search_text = models.TextField(editable=False, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="question_status_idx"),
            models.Index(fields=["ip_block", "received_at"], name="question_ip_block_idx"),
        ]

    def __str__(self):
        return f"{self.code}: {self.title}"

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = new_code()
        self.code_digest = code_digest(self.code)
        if self.ip:
            self.ip_block = address_block(self.ip)
        self.answer = clean_body(self.answer)
        self.search_text = fold(" ".join([self.title, self.text, strip_tags(self.answer)]))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "code_digest", "search_text", "updated_at"}
        super().save(*args, **kwargs)
        if self.is_public or getattr(self, "_stored_status", None) == self.Status.PUBLISHED:
            announce_public_questions_changed()
        self._stored_status = self.status

    def get_absolute_url(self):
        return reverse("questions:detail", kwargs={"key": self.pk})

    def delete(self, *args, **kwargs):
        was_public = self.is_public
        result = super().delete(*args, **kwargs)
        if was_public:
            announce_public_questions_changed()
        return result

    @classmethod
    def from_db(cls, db, field_names, values):
        question = super().from_db(db, field_names, values)
        # Whether it was public when read: unpublishing or editing it changes public pages too.
        question._stored_status = question.__dict__.get("status")
        return question

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_waiting(self):
        return self.status in self.WAITING

    @property
    def asker_shown(self):
        """The asker as the public page names them: in full, by initials ("N.V.A."), or not."""
        if self.name_shown == self.NameShown.FULL:
            return self.name
        if self.name_shown == self.NameShown.INITIALS:
            return "".join(f"{word[0].upper()}." for word in self.name.split() if word)
        return ""

    @property
    def place_shown(self):
        return self.ward.name if self.ward_id else self.ward_text

    def days_waited(self, now=None):
        """Whole days since it was received; up to its answer's publication or its refusal."""
        end = self.published_at or self.declined_at or now or timezone.now()
        return max(0, (end - self.received_at).days)

    def due_at(self):
        return self.received_at + timedelta(days=answer_days())

    def is_overdue(self, now=None):
        return self.is_waiting and (now or timezone.now()) > self.due_at()


class AnswerAttachment(models.Model):
    """A file staff attach to an answer (a decision, a form to fill in), public with it."""

    question = models.ForeignKey(
        Question, verbose_name=_("câu hỏi"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("tên tệp"), max_length=200)
    file = models.FileField(
        _("tệp"),
        upload_to=UploadTo("hoi-dap/tra-loi", kind="document"),
        validators=[validate_document],
        max_length=200,
        help_text=_("PDF, DOC, DOCX, XLS, XLSX hoặc ODT."),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("tệp đính kèm câu trả lời")
        verbose_name_plural = _("tệp đính kèm câu trả lời")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # Stored with the extension its content proves (core.uploads), never the sender's.
            self.file.name = f"tep.{document_format(self.file)}"
        super().save(*args, **kwargs)
        if self.question.is_public:
            announce_public_questions_changed()

    def delete(self, *args, **kwargs):
        public = self.question.is_public
        result = super().delete(*args, **kwargs)
        if public:
            announce_public_questions_changed()
        return result
