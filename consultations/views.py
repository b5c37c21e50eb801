"""Public consultation pages: the list, a consultation (cached), and the comment page (not
cached: it carries a CSRF token and a captcha for the reader who opened it)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.clientip import client_ip
from core.formerrors import error_summary
from core.pagecache import reader_page

from .forms import ConsultationCommentForm
from .models import Phase
from .selectors import consultations_by_phase, public_consultation
from .services import ConsultationClosed

CLOSED_MESSAGE = _(
    "Đã hết thời gian lấy ý kiến cho dự thảo này nên ý kiến của bạn chưa được gửi. "
    "Nội dung bạn đã viết được giữ lại dưới đây để bạn lưu lại."
)


def consultation_or_404(slug):
    consultation = public_consultation(slug=slug)
    if consultation is None:
        raise Http404(_("Không tìm thấy dự thảo này."))
    return consultation


@require_safe
@reader_page()
def consultation_list(request):
    return render(request, "consultations/list.html", consultations_by_phase())


@require_safe
@reader_page("consultation", "slug")
def consultation_detail(request, slug):
    consultation = consultation_or_404(slug)
    files = list(consultation.files.all())
    phase = consultation.phase()
    return render(
        request,
        "consultations/detail.html",
        {
            "consultation": consultation,
            "phase": phase,
            "Phase": Phase,
            "draft_files": [attached for attached in files if not attached.is_result],
            "result_files": [attached for attached in files if attached.is_result],
            "received": consultation.received_count(),
            "comments": list(consultation.comments.approved()),
        },
    )


def render_comment_page(request, consultation, form=None, *, status=200, typed=None):
    errors = error_summary(form, form_anchor="gui-y-kien") if form is not None else []
    return render(
        request,
        "consultations/comment.html",
        {
            "consultation": consultation,
            "phase": consultation.phase(),
            "Phase": Phase,
            "form": form,
            "error_links": errors,
            "typed": typed,
            "closed_message": CLOSED_MESSAGE if typed else "",
        },
        status=status,
    )


def typed_back(request):
    """What the citizen typed, shown back when their comment could not be taken."""
    return {key: request.POST.get(key, "") for key in ("name", "contact", "text")}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def comment_page(request, slug):
    consultation = consultation_or_404(slug)
    ip = client_ip(request)
    if request.method != "POST":
        form = ConsultationCommentForm(consultation=consultation, ip=ip)
        return render_comment_page(request, consultation, form if consultation.is_open() else None)
    if not consultation.is_open():
        # Nothing is checked or spent (not even the captcha): the citizen keeps their text.
        return render_comment_page(request, consultation, status=410, typed=typed_back(request))
    form = ConsultationCommentForm(request.POST, consultation=consultation, ip=ip)
    if form.is_valid():
        try:
            comment = form.save()
        except ConsultationClosed:
            return render_comment_page(request, consultation, status=410, typed=typed_back(request))
        if comment is not None:
            messages.success(
                request,
                _(
                    "Cảm ơn bạn, ý kiến của bạn đã được gửi "
                    "và đang chờ kiểm duyệt trước khi công khai."
                ),
            )
            return redirect(consultation.get_absolute_url())
    return render_comment_page(request, consultation, form, status=form.refusal_status)
