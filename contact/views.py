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
from organisation.selectors import contact_units

from .forms import ContactForm

SESSION_KEY = "contact_reference"


def error_links(form):
    """(the id of the element to fix, the message) for each error, in page order: the error
    summary atop the page links to each."""
    links = [("gui-thu", message) for message in form.non_field_errors()]
    for field in form:
        links.extend((field.id_for_label or "gui-thu", message) for message in field.errors)
    return links


def render_contact_page(request, form, status=200):
    for field in form:
        if field.errors and not field.is_hidden:
            # Focus opens in the first field to fix.
            field.field.widget.attrs["autofocus"] = True
            break
    return render(
        request,
        "contact/contact.html",
        {
            "form": form,
            "units": contact_units(),
            "error_links": error_links(form) if form.is_bound else [],
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
        return render_contact_page(request, form, status=429 if form.is_rate_limited else 400)
    request.session[SESSION_KEY] = received.reference
    return redirect("contact:sent")


@never_cache
@require_safe
def sent_page(request):
    reference = request.session.get(SESSION_KEY)
    if not reference:
        return redirect("contact:form")
    return render(request, "contact/sent.html", {"reference": reference})
