"""The contact page and its result page; the form in, contact.services through the form, HTML
out.

The contact page is never cached: its form carries a CSRF token and a captcha key of this
reader's own (a cached page would hand every reader the same key, and all but the first would
fail). The result page shows the code from this reader's session, never from the address.
"""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.clientip import client_ip
from core.formerrors import error_summary
from organisation.selectors import contact_units

from .forms import ContactForm

SESSION_KEY = "contact_reference"


def render_contact_page(request, form, status=200):
    return render(
        request,
        "contact/contact.html",
        {
            "form": form,
            "units": contact_units(),
            "error_links": error_summary(form, form_anchor="gui-thu"),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact_page(request):
    ip = client_ip(request)
    if request.method != "POST":
        return render_contact_page(request, ContactForm(ip=ip))
    form = ContactForm(request.POST, request.FILES, ip=ip)
    received = form.save() if form.is_valid() else None
    if received is None:
        return render_contact_page(request, form, status=form.refusal_status)
    request.session[SESSION_KEY] = received.reference
    return redirect("contact:sent")


@never_cache
@require_safe
def sent_page(request):
    reference = request.session.get(SESSION_KEY)
    if not reference:
        return redirect("contact:form")
    return render(request, "contact/sent.html", {"reference": reference})
