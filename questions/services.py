"""A question's path: received from a citizen, assigned to a unit, answered, published or
declined. Each step locks the question's row and checks where it stands, so two staff acting at
once never publish twice nor mail the asker twice; every mail goes through the outbox in the
step's transaction."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.feeds import absolute
from core.limits import one_writer_per_address_block
from organisation.models import Unit
from outbox.services import queue_mail

from .models import Field, Question, new_code


class QuestionLimitReached(Exception):
    """The asker's address block has sent its questions for the day."""


class TransitionRefused(Exception):
    """The question is not where this step starts from (published already, declined, ...)."""


# The first key of PostgreSQL advisory locks taken here; the second is the address block's hash.
QUESTION_LIMIT_LOCK = 0x51484441  # "QHDA"


def question_limit_reached(ip: str) -> bool:
    return (
        Question.objects.from_address_block_today(ip).count()
        >= settings.QUESTIONS_PER_ADDRESS_BLOCK_PER_DAY
    )


def lookup_url(code: str) -> str:
    return absolute(reverse("questions:lookup")) + f"?ma={code}"


@transaction.atomic
def submit_question(
    *,
    ip: str,
    name: str,
    field: Field,
    title: str,
    text: str,
    email: str = "",
    phone: str = "",
    ward: Unit | None = None,
    ward_text: str = "",
    name_shown: str = Question.NameShown.INITIALS,
    attachment: UploadedFile | None = None,
) -> Question:
    """Receive a citizen's question: stored with a new tracking code, and confirmed by mail
    when the asker gave an address. Raises QuestionLimitReached past the day's limit."""
    one_writer_per_address_block(ip, lock=QUESTION_LIMIT_LOCK)
    if question_limit_reached(ip):
        raise QuestionLimitReached
    question = Question(
        ip=ip,
        name=name,
        name_shown=name_shown,
        email=email,
        phone=phone,
        ward=ward,
        ward_text="" if ward else ward_text,
        field=field,
        title=title,
        text=text,
    )
    if attachment is not None:
        question.attachment = attachment
    # A code already taken (one chance in hundreds of millions) is drawn again.
    for _attempt in range(5):
        question.code = new_code()
        try:
            with transaction.atomic():
                question.save()
            break
        except IntegrityError:
            if not Question.objects.filter(code=question.code).exists():
                raise
            question.pk = None
    else:
        raise IntegrityError("no free tracking code after 5 draws")
    queue_mail(
        to=[email],
        subject=_("Đã nhận câu hỏi của bạn – mã tra cứu %(code)s") % {"code": question.code},
        body=_(
            "Kính gửi %(name)s,\n\n"
            "%(site)s đã nhận câu hỏi của bạn: “%(title)s”.\n"
            "Mã tra cứu: %(code)s\n\n"
            "Bạn có thể xem câu hỏi đang được xử lý đến đâu tại:\n%(url)s\n\n"
            "Khi câu trả lời được công bố, chúng tôi sẽ báo cho bạn qua thư này.\n"
        )
        % {
            "name": name,
            "site": settings.SITE_NAME,
            "title": title,
            "code": question.code,
            "url": lookup_url(question.code),
        },
    )
    return question


def _locked(question_id):
    return Question.objects.select_for_update().get(pk=question_id)


@transaction.atomic
def assign_question(*, question_id: int, unit: Unit) -> Question:
    """Give a waiting question to ``unit`` to answer (again, if it had another)."""
    question = _locked(question_id)
    if not question.is_waiting:
        raise TransitionRefused(question.get_status_display())
    if question.unit_id == unit.pk and question.status != Question.Status.RECEIVED:
        return question
    question.unit = unit
    question.assigned_at = timezone.now()
    if question.status == Question.Status.RECEIVED:
        question.status = Question.Status.ASSIGNED
    question.save()
    return question


@transaction.atomic
def save_answer(*, question_id: int, answer: str, by) -> Question:
    """Store the answer as written in the editor (sanitised on save); a published question's
    answer can be corrected, and the public page follows."""
    question = _locked(question_id)
    if question.status == Question.Status.DECLINED:
        raise TransitionRefused(question.get_status_display())
    question.answer = answer
    if question.answer.strip():
        if question.status != Question.Status.PUBLISHED:
            question.status = Question.Status.ANSWERED
        question.answered_at = question.answered_at or timezone.now()
        question.answered_by = by
    elif question.status == Question.Status.ANSWERED:
        question.status = Question.Status.ASSIGNED if question.unit_id else Question.Status.RECEIVED
    question.save()
    return question


@transaction.atomic
def publish_question(*, question_id: int) -> Question:
    """Publish the question with its answer, and tell the asker where to read it."""
    question = _locked(question_id)
    if question.status != Question.Status.ANSWERED:
        raise TransitionRefused(question.get_status_display())
    question.status = Question.Status.PUBLISHED
    question.published_at = timezone.now()
    question.save()
    queue_mail(
        to=[question.email],
        subject=_("Câu hỏi %(code)s đã được trả lời") % {"code": question.code},
        body=_(
            "Kính gửi %(name)s,\n\n"
            "Câu hỏi “%(title)s” (mã tra cứu %(code)s) đã được trả lời. "
            "Câu hỏi và câu trả lời được công bố tại:\n%(url)s\n"
        )
        % {
            "name": question.name,
            "title": question.title,
            "code": question.code,
            "url": absolute(question.get_absolute_url()),
        },
    )
    return question


@transaction.atomic
def unpublish_question(*, question_id: int) -> Question:
    """Take a published question off the public pages; it waits, answered, to be published again."""
    question = _locked(question_id)
    if question.status != Question.Status.PUBLISHED:
        raise TransitionRefused(question.get_status_display())
    question.status = Question.Status.ANSWERED
    question.published_at = None
    question.save()
    return question


@transaction.atomic
def decline_question(*, question_id: int, reason: str) -> Question:
    """Close a waiting question without an answer, and tell the asker why."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a question is declined with a reason")
    question = _locked(question_id)
    if not question.is_waiting:
        raise TransitionRefused(question.get_status_display())
    question.status = Question.Status.DECLINED
    question.decline_reason = reason
    question.declined_at = timezone.now()
    question.save()
    queue_mail(
        to=[question.email],
        subject=_("Câu hỏi %(code)s không được trả lời") % {"code": question.code},
        body=_(
            "Kính gửi %(name)s,\n\n"
            "Câu hỏi “%(title)s” (mã tra cứu %(code)s) sẽ không được trả lời trên cổng thông tin, "
            "vì lý do sau:\n\n%(reason)s\n"
        )
        % {
            "name": question.name,
            "title": question.title,
            "code": question.code,
            "reason": reason,
        },
    )
    return question
