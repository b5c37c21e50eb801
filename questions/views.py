"""Public question pages: the list with search and filters, a question, the form that sends
one, and the lookup by tracking code; views only turn HTTP into form, selector and service calls."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.clientip import client_ip
from core.formerrors import error_summary
from core.listing import list_address, list_page
from core.pagecache import reader_page
from core.pagination import paginate

from .forms import LookupForm, QuestionForm
from .models import Question
from .selectors import Filters, filter_choices, lookups_refused, public_question, question_by_code

PAGE_SIZE = 15
SEARCH_MAX_LENGTH = 100


@list_page(filter_keys=Filters.KEYS)
def question_list(request):
    """The published questions, filtered and searched as the address says."""
    filters = Filters.from_query(request.GET)
    address = list_address(request, filters=filters, search_max_length=SEARCH_MAX_LENGTH)
    if address.redirect:
        return address.redirect
    questions = Question.objects.published()
    if address.search:
        questions = questions.search(address.search)
    questions = filters.apply(questions).for_listing().order_by("-published_at", "-pk")
    return render(
        request,
        "questions/list.html",
        {
            "page": paginate(request, questions, per_page=PAGE_SIZE),
            "filters": filters,
            "search": address.search,
            "address_query": address.query,
            **filter_choices(),
        },
    )


@require_safe
@reader_page()
def question_detail(request, key):
    if not (key.isascii() and key.isdecimal() and len(key) < 19):
        raise Http404
    question = public_question(pk=int(key))
    if question is None:
        raise Http404
    return render(request, "questions/detail.html", {"question": question})


# Never cached: each rendering carries this reader's new captcha key (core.captcha).
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def ask(request):
    ip = client_ip(request)
    if request.method == "POST":
        form = QuestionForm(request.POST, request.FILES, ip=ip)
        question = form.save() if form.is_valid() else None
        if question is not None:
            return render(request, "questions/sent.html", {"question": question})
        # The form comes back with everything typed (the file must be chosen again) and a new
        # captcha: the one just used is spent, right or wrong (core.captcha).
        status = form.refusal_status
    else:
        form = QuestionForm(ip=ip)
        status = 200
    links = error_summary(form, form_anchor="gui-cau-hoi")
    return render(
        request, "questions/ask.html", {"form": form, "error_links": links}, status=status
    )


# Never cached, and counted: a lookup answers per code, and wrong codes are limited per address
# block, which a cached page would skip (core.pagecache would also keep a page per code tried).
@never_cache
@require_safe
def lookup(request):
    ip = client_ip(request)
    question = None
    refused = False
    if "ma" in request.GET:
        form = LookupForm(request.GET)
        if lookups_refused(ip):
            refused = True
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Bạn đã nhập sai mã tra cứu quá nhiều lần. Vui lòng thử lại sau một giờ, "
                    "hoặc liên hệ bộ phận tiếp nhận."
                ),
            )
        elif form.is_valid():
            question = question_by_code(typed=form.cleaned_data["ma"], ip=ip)
            if question is None:
                form.add_error(
                    "ma",
                    _("Không tìm thấy câu hỏi nào có mã này. Vui lòng kiểm tra lại mã tra cứu."),
                )
    else:
        form = LookupForm()
    response = render(
        request,
        "questions/lookup.html",
        {"form": form, "question": question},
        status=429 if refused else 200,
    )
    # The code is in the address: kept out of other sites' logs through the Referer header.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
