"""Reads of questions: what a staff member may see, the public list's filters, a published
question, and a question found by its tracking code."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from core.clientip import UNKNOWN_IP, address_block
from core.memo import Memo
from organisation.models import Unit

from .models import Field, Question, code_digest, normalised_code

COORDINATE = "questions.coordinate_questions"


def may_coordinate(user) -> bool:
    """Superusers and the coordinators see every question and assign them to units."""
    return user.is_active and user.has_perm(COORDINATE)


def unit_of(user):
    """The unit whose questions ``user`` answers, or None."""
    responder = getattr(user, "question_responder", None) if user.is_authenticated else None
    return responder.unit if responder else None


def questions_for(user):
    """The questions ``user`` may see and act on: all for coordinators, their unit's for a
    responder, none for anyone else."""
    if may_coordinate(user):
        return Question.objects.all()
    unit = unit_of(user)
    if unit is None:
        return Question.objects.none()
    return Question.objects.filter(unit=unit)


def public_question(*, pk: int):
    """A published question with its field, unit and answer's files; or None."""
    question = (
        Question.objects.published()
        .select_related("field", "unit", "ward")
        .defer("search_text", "email", "phone", "ip", "ip_block")
        .filter(pk=pk)
        .first()
    )
    if question is not None:
        question.attachment_list = list(question.attachments.all())
    return question


def wards():
    return list(Unit.objects.filter(kind=Unit.Kind.WARD))


@dataclass
class Filters:
    """A reader's filters on the public list, from the address; unknown values are dropped."""

    field: Field | None = None
    unit: Unit | None = None

    KEYS = ("linh-vuc", "don-vi")

    @classmethod
    def from_query(cls, query):
        return cls(
            field=_by_slug(Field, query.get("linh-vuc")),
            unit=_by_slug(Unit, query.get("don-vi")),
        )

    def as_query(self):
        pairs = [
            ("linh-vuc", self.field.slug if self.field else None),
            ("don-vi", self.unit.slug if self.unit else None),
        ]
        return "&".join(f"{key}={value}" for key, value in pairs if value)

    def apply(self, questions):
        if self.field:
            questions = questions.filter(field=self.field)
        if self.unit:
            questions = questions.filter(unit=self.unit)
        return questions

    def __bool__(self):
        return bool(self.field or self.unit)


def _by_slug(model, slug):
    if not slug or len(slug) > 200:
        return None
    return model.objects.filter(slug=slug).first()


def filter_choices():
    """The fields, and the units that have published answers, for the list's filter form."""
    published = Question.objects.published()
    return {
        "fields": list(Field.objects.all()),
        "units": list(Unit.objects.filter(questions__in=published).distinct()),
    }


# Wrong codes are counted per address block in windows of an hour: in the shared cache (every
# process and server sees the same count), and by each process too, since a shared cache that is
# down answers every read as 0: the count this process saw itself still holds, so an outage
# lets a block try at most the limit once per process, not codes by the million.
WRONG_CODE_WINDOW_SECONDS = 60 * 60
_wrong_codes_here = Memo(10_000)


def _wrong_codes_key(ip):
    window = int(time.time() // WRONG_CODE_WINDOW_SECONDS)
    return f"questions-wrong-codes:{address_block(ip or UNKNOWN_IP)}:{window}"


def lookups_refused(ip) -> bool:
    """Whether ``ip``'s address block tried too many wrong codes this hour."""
    key = _wrong_codes_key(ip)
    tried = max(cache.get(key) or 0, _wrong_codes_here.get(key) or 0)
    return tried >= settings.QUESTIONS_WRONG_CODES_PER_HOUR


def _count_wrong_code(ip):
    key = _wrong_codes_key(ip)
    _wrong_codes_here.set(key, (_wrong_codes_here.get(key) or 0) + 1, WRONG_CODE_WINDOW_SECONDS * 2)
    cache.add(key, 0, WRONG_CODE_WINDOW_SECONDS * 2)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add() and incr()
        cache.set(key, 1, WRONG_CODE_WINDOW_SECONDS * 2)


def question_by_code(*, typed: str, ip: str):
    """The question whose tracking code the reader typed, or None (a wrong code is counted
    against the reader's address block: codes cannot be tried by the thousand).

    Found by the code's digest, so the database's timing tells nothing of real codes; only the
    status, title, field, unit and dates are read, never the asker's name or contact details.
    """
    code = normalised_code(typed)
    question = None
    if code:
        question = (
            Question.objects.select_related("field", "unit")
            .only(
                "code",
                "title",
                "status",
                "field",
                "unit",
                "field__name",
                "unit__name",
                "received_at",
                "assigned_at",
                "answered_at",
                "published_at",
                "declined_at",
                "decline_reason",
            )  # fmt: skip
            .filter(code_digest=code_digest(code))
            .first()
        )
    if question is None:
        _count_wrong_code(ip)
    return question
