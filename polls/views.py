"""Poll pages: the results (cached, the same for every reader), the ballot page (not cached: a
CSRF token and this reader's own state) and the state the sidebar's script asks for.

The sidebar block is on every cached page, so it holds no token and no state: polls.js fetches
``poll_state`` when the reader votes (or has voted, by the ``polls_voted`` marker) and posts to
``ballot``; without JavaScript the block's form opens the ballot page, whose form posts there
and comes back (PRG).
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from core.clientip import client_ip
from core.formerrors import error_links
from core.pagecache import reader_page
from core.voters import new_voter_id, read_voter_id, remember_voter

from . import services
from .forms import BallotForm
from .models import Phase
from .selectors import poll_with_options, results

# Not a secret and not trusted: it only tells polls.js which polls to ask the state of, so that
# readers who never voted cost no request. The server decides by the signed voter cookie.
VOTED_MARKER = "polls_voted"
THANKS = _("Cảm ơn bạn đã bình chọn.")


def poll_or_404(poll_id):
    # One spelling per poll ("7", never "07"): the cached page's key is the address.
    poll_id = str(poll_id)
    if not (poll_id.isascii() and poll_id.isdecimal() and len(poll_id) < 19):
        raise Http404(_("Không tìm thấy cuộc thăm dò này."))
    if poll_id != str(int(poll_id)):
        raise Http404(_("Không tìm thấy cuộc thăm dò này."))
    poll = poll_with_options(poll_id=int(poll_id))
    if poll is None:
        raise Http404(_("Không tìm thấy cuộc thăm dò này."))
    return poll


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def results_context(poll, *, shown):
    return {"poll": poll, "rows": results(poll) if shown else [], "shown": shown, "Phase": Phase}


def results_html(request, poll):
    return render_to_string("polls/_results.html", results_context(poll, shown=True), request)


@require_safe
@reader_page("poll", "poll_id")
def results_page(request, poll_id):
    poll = poll_or_404(poll_id)
    context = results_context(poll, shown=poll.results_public())
    return render(request, "polls/results.html", context)


def remember_ballot(request, response, poll, voter_id):
    remember_voter(response, voter_id)
    voted = [part for part in request.COOKIES.get(VOTED_MARKER, "").split(".") if part.isdecimal()]
    voted = [*voted[-19:], str(poll.pk)] if str(poll.pk) not in voted else voted
    response.set_cookie(
        VOTED_MARKER,
        ".".join(voted),
        max_age=365 * 24 * 60 * 60,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def render_ballot_page(request, poll, form, *, status=200):
    voter_id = read_voter_id(request)
    voted = services.has_voted(poll=poll, voter_id=voter_id)
    shown = voted or poll.results_public()
    context = {
        **results_context(poll, shown=shown),
        "form": form,
        "voted": voted,
        "phase": poll.phase(),
        "error_links": error_links(form, form_anchor="phieu-binh-chon") if form.is_bound else [],
    }
    return render(request, "polls/ballot.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def ballot(request, poll_id):
    poll = poll_or_404(poll_id)
    if request.method != "POST":
        # The sidebar's form comes here without JavaScript, with the chosen options.
        chosen = BallotForm(request.GET, poll=poll) if "lua_chon" in request.GET else None
        initial = (
            {"lua_chon": chosen.cleaned_data["lua_chon"]} if chosen and chosen.is_valid() else None
        )
        return render_ballot_page(request, poll, BallotForm(poll=poll, initial=initial))
    form = BallotForm(request.POST, poll=poll)
    status = 400
    if form.is_valid():
        voter_id = read_voter_id(request) or new_voter_id()
        try:
            poll = services.cast_ballot(
                poll=poll,
                voter_id=voter_id,
                ip=client_ip(request),
                option_ids=form.cleaned_data["lua_chon"],
            )
        except services.BallotRefused as refusal:
            form.add_error(None, refusal.message)
            status = {
                services.PollClosed: 403,
                services.AlreadyVoted: 409,
                services.VoteLimitReached: 429,
            }.get(type(refusal), 400)
        else:
            poll = poll_or_404(poll.pk)
            if wants_json(request):
                response = JsonResponse(
                    {"message": THANKS, "results_html": results_html(request, poll)}
                )
            else:
                messages.success(request, THANKS)
                response = redirect("polls:ballot", poll_id=poll.pk)
            remember_ballot(request, response, poll, voter_id)
            return response
    if wants_json(request):
        errors = [str(error) for error in form.non_field_errors() + form["lua_chon"].errors]
        return JsonResponse({"message": " ".join(errors)}, status=status)
    return render_ballot_page(request, poll, form, status=status)


@never_cache
@require_GET
def poll_state(request, poll_id):
    """This reader's state for polls.js: a CSRF token, whether they voted, and the results
    when they may see them."""
    poll = poll_or_404(poll_id)
    voted = services.has_voted(poll=poll, voter_id=read_voter_id(request))
    shown = voted or poll.results_public()
    return JsonResponse(
        {
            "token": get_token(request),
            "voted": voted,
            "open": poll.is_open(),
            "results_html": results_html(request, poll) if shown else "",
        }
    )
