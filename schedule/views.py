"""The public work schedule: one week's page; the view only turns the address into a week."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.pagecache import as_typed, reader_page

from .selectors import current_week, last_change, week_schedule
from .weeks import NotAWeek, Week

WEEK_PARAMETER = "tuan"


@require_safe
@reader_page(params={WEEK_PARAMETER: as_typed})
def week_page(request):
    """This week's schedule, or the week ``?tuan=2026-W49`` names.

    Only that spelling is a page: another spelling of a real week is a permanent redirect to it,
    anything else a 404, so each week is cached once whatever readers type.
    """
    values = request.GET.getlist(WEEK_PARAMETER)
    if len(values) > 1:
        raise Http404
    if values:
        try:
            week = Week.parse(values[0])
        except NotAWeek:
            return HttpResponsePermanentRedirect(address_of(_loosely_spelled(values[0])))
    else:
        week = None
    if set(request.GET) != ({WEEK_PARAMETER} if values else set()):
        # Tracking tags and the like: the same page under its one address.
        return HttpResponsePermanentRedirect(address_of(week))
    this_week = current_week()
    week = week or this_week
    days = week_schedule(week=week)
    return render(
        request,
        "schedule/week.html",
        {
            "week": week,
            "days": days,
            "this_week": this_week,
            "updated_at": last_change(days),
            "canonical": address_of(week if values else None),
            "address_of": address_of,
        },
    )


def _loosely_spelled(text):
    try:
        return Week.parse_loosely(text)
    except NotAWeek:
        raise Http404 from None


def address_of(week=None):
    """The one address of ``week``'s page; without a week, of the current week's."""
    page = reverse("schedule:week")
    return f"{page}?{WEEK_PARAMETER}={week}" if week else page
