"""Readers' votes and comments over HTTP: forms in, ratings.services calls, HTML or JSON out.

The article page itself is cached and carries no token or captcha (see DEVELOPERS.md), so its
script fetches a CSRF token from ``csrf_token`` and posts here with ``Accept: application/json``;
without JavaScript the reader uses ``feedback_page``, whose forms post here and come back (PRG).
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from core.clientip import client_ip
from core.formerrors import error_links, focus_first_error
from core.links import cached_reverse, slug_url
from core.voters import new_voter_id, read_voter_id, remember_voter
from news.selectors import public_article

from . import services
from .forms import CommentForm, VoteForm, blank_fields_html


def feedback_context(article, *, vote_form=None, comment_form=None, on_article_page=False):
    """What the feedback block shows; on the cached article page nothing in it is per reader."""
    if on_article_page:
        forms = {"blank_fields": blank_fields_html()}
    else:
        forms = {
            "vote_form": vote_form or VoteForm(),
            # Made by the view, which knows the reader's address for the captcha's limit.
            "comment_form": comment_form,
        }
    rating = services.rating_of(article)
    return {
        **forms,
        "article": article,
        "rating": rating,
        "comments": article.comments.approved() if rating.comment_count else [],
        "on_article_page": on_article_page,
        "feedback_url": slug_url("ratings:feedback", article.slug),
        "vote_url": slug_url("ratings:vote", article.slug),
        "comment_url": slug_url("ratings:comment", article.slug),
        "csrf_url": cached_reverse("ratings:csrf"),
        "town_name": settings.TOWN_NAME,
    }


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def published_article(slug):
    article = public_article(slug=slug)
    if article is None:
        raise Http404(_("Không tìm thấy bài viết này, hoặc bài viết chưa được xuất bản."))
    return article


def comment_form_html(request, article, form):
    """The comment form alone, as the article page's script puts it in place of the sent one."""
    context = feedback_context(article, comment_form=form)
    return render_to_string("ratings/_comment_form.html", context, request)


def render_feedback_page(request, article, status=200, **forms):
    """The no-JavaScript page; after errors, its title says so, a summary atop links to each
    error, and focus opens in the first field to fix."""
    context = feedback_context(article, **forms)
    vote_form, comment_form = context["vote_form"], context["comment_form"]
    errors = [
        *(error_links(vote_form, form_anchor="id_stars_0") if vote_form.is_bound else []),
        *(error_links(comment_form, form_anchor="viet-binh-luan") if comment_form.is_bound else []),
    ]
    for form in (vote_form, comment_form):
        if form.is_bound and form.errors:
            focus_first_error(form)
            break
    context["error_links"] = errors
    return render(request, "ratings/feedback_page.html", context, status=status)


def json_not_found(request, exception):
    return JsonResponse({"message": str(exception.args[0])}, status=404)


@never_cache
@require_GET
def csrf_token(request):
    return JsonResponse({"token": get_token(request)})


def article_to_answer(request, slug):
    """(article, None), or (None, a JSON 404) for the page's script; an HTML 404 is raised."""
    try:
        return published_article(slug), None
    except Http404 as error:
        if wants_json(request):
            return None, json_not_found(request, error)
        raise


@never_cache
@require_safe
def feedback_page(request, slug):
    article = published_article(slug)
    # The article page's star form comes here without JavaScript, with the chosen stars.
    chosen = VoteForm(request.GET) if "stars" in request.GET else None
    initial = {"stars": chosen.cleaned_data["stars"]} if chosen and chosen.is_valid() else None
    return render_feedback_page(
        request,
        article,
        vote_form=VoteForm(initial=initial),
        comment_form=CommentForm(article=article, ip=client_ip(request)),
    )


@never_cache
@require_POST
def vote(request, slug):
    article, refusal = article_to_answer(request, slug)
    if refusal:
        return refusal
    form = VoteForm(request.POST)
    status = 400
    if form.is_valid():
        voter_id = read_voter_id(request) or new_voter_id()
        try:
            rating = services.cast_vote(
                article, voter_id, client_ip(request), form.cleaned_data["stars"]
            )
        except services.VoteLimitReached:
            form.add_error(
                None,
                _(
                    "Đã có quá nhiều lượt đánh giá bài viết này từ địa chỉ mạng của bạn hôm nay. "
                    "Vui lòng thử lại vào ngày mai."
                ),
            )
            status = 429
        else:
            message = _("Cảm ơn bạn đã đánh giá bài viết.")
            if wants_json(request):
                response = JsonResponse(
                    {
                        "message": message,
                        "vote_count": rating.vote_count,
                        "average": str(rating.average),
                        "figures_html": render_to_string(
                            "ratings/_figures.html", {"rating": rating}, request
                        ),
                    }
                )
            else:
                messages.success(request, message)
                response = redirect("ratings:feedback", slug=article.slug)
            remember_voter(response, voter_id)
            return response
    if wants_json(request):
        errors = [str(error) for error in form.non_field_errors() + form["stars"].errors]
        return JsonResponse({"message": " ".join(errors)}, status=status)
    return render_feedback_page(
        request,
        article,
        status=status,
        vote_form=form,
        comment_form=CommentForm(article=article, ip=client_ip(request)),
    )


@never_cache
@require_POST
def comment(request, slug):
    article, refusal = article_to_answer(request, slug)
    if refusal:
        return refusal
    ip = client_ip(request)
    form = CommentForm(request.POST, article=article, ip=ip)
    comment = form.save() if form.is_valid() else None
    if comment is not None:
        if comment.is_public:
            message = _("Cảm ơn bạn, bình luận của bạn đã được đăng.")
        else:
            message = _("Bình luận của bạn đang chờ kiểm duyệt")
        if not wants_json(request):
            messages.success(request, message)
            return redirect(slug_url("ratings:feedback", article.slug))
        comment_html = ""
        if comment.is_public:
            comment_html = render_to_string(
                "ratings/_comment.html",
                {"comment": comment, "town_name": settings.TOWN_NAME},
                request,
            )
        # A blank form with a new captcha takes the place of the one just sent: nothing of the
        # comment, its captcha or an earlier error stays for a second post.
        blank_form = CommentForm(article=article, ip=ip)
        return JsonResponse(
            {
                "message": message,
                "comment_html": comment_html,
                "form_html": comment_form_html(request, article, blank_form),
            }
        )
    status = form.refusal_status
    if not wants_json(request):
        return render_feedback_page(request, article, status=status, comment_form=form)
    return JsonResponse(
        {
            "message": _("Bình luận chưa được gửi. Vui lòng xem lại các ô được đánh dấu."),
            "form_html": comment_form_html(request, article, form),
        },
        status=status,
    )
