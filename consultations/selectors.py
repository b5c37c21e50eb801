"""Reads the consultation pages need: one consultation by slug, the list in three phases."""

from django.utils import timezone

from .models import Consultation


def public_consultation(*, slug: str):
    """The consultation at ``slug`` with its unit and files, or None."""
    return (
        Consultation.objects.select_related("unit")
        .prefetch_related("files")
        .filter(slug=slug)
        .first()
    )


def consultations_by_phase(now=None):
    """{"open": [...], "upcoming": [...], "closed": [...]}: open first closing first, upcoming
    soonest first, closed newest first."""
    now = now or timezone.now()
    consultations = Consultation.objects.select_related("unit").defer("draft", "result")
    return {
        "open": list(consultations.open(now).order_by("closes_at", "pk")),
        "upcoming": list(consultations.upcoming(now).order_by("opens_at", "pk")),
        "closed": list(consultations.closed(now).order_by("-closes_at", "-pk")),
    }
