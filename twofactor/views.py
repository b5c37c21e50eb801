"""The code step after the password, enrolment of an authenticator app, and recovery codes."""

from base64 import b32encode, b64encode

import qrcode
import qrcode.image.svg
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from core.security import admin_locked_out

from . import services
from .forms import CodeForm

get_or_post = require_http_methods(["GET", "HEAD", "POST"])


def _page(request, template, **context):
    """An admin-looking page without the admin's menus: the user is not in the admin yet."""
    return render(
        request,
        template,
        {
            "site_header": admin.site.site_header,
            "site_title": admin.site.site_title,
            "site_url": admin.site.site_url,
            "has_permission": False,
            "is_nav_sidebar_enabled": False,
            "next": _next_url(request),
            **context,
        },
    )


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _elsewhere(request, user):
    """Where a user who has nothing to do on these pages goes, or None if they belong here."""
    if not user.is_authenticated or not user.is_staff:
        return redirect(f"{reverse('admin:login')}?{urlencode({'next': _next_url(request)})}")
    if not services.is_required(user) or user.is_verified():
        return redirect(_next_url(request))
    return None


def _locked_out(request):
    logout(request)
    return admin_locked_out(request)


def _refusal(result):
    if result.wait_seconds:
        return _("Bạn vừa nhập sai mã. Hãy đợi %(seconds)d giây rồi thử lại.") % {
            "seconds": result.wait_seconds
        }
    return _("Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã đang hiện trong ứng dụng.")


@never_cache
@sensitive_post_parameters("code")
@get_or_post
def verify(request):
    """The second step of a staff login: a code from the authenticator app or a recovery code."""
    user = request.user
    if away := _elsewhere(request, user):
        return away
    if not services.has_authenticator(user):
        return redirect(f"{reverse('twofactor:enrol')}?{urlencode({'next': _next_url(request)})}")
    if services.is_locked_out(request=request, user=user):
        return _locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.verify_login(request=request, user=user, code=form.cleaned_data["code"])
        if result.accepted:
            if result.recovery:
                messages.warning(
                    request,
                    format_html(
                        _(
                            "Bạn vừa dùng một mã khôi phục (mỗi mã chỉ dùng được một lần); còn "
                            'lại {left} mã. <a href="{url}">Tạo bộ mã khôi phục mới</a>.'
                        ),
                        left=services.recovery_codes_left(user),
                        url=reverse("twofactor:recovery_codes"),
                    ),
                )
            return redirect(_next_url(request))
        if not request.user.is_authenticated:  # that code locked the login: logged out
            return admin_locked_out(request)
        form.add_error("code", _refusal(result))
    return _page(request, "twofactor/verify.html", form=form, title=_("Nhập mã xác thực"))


@never_cache
@sensitive_post_parameters("code")
@get_or_post
def enrol(request):
    """First login after two-factor login became required: add an authenticator app."""
    user = request.user
    if away := _elsewhere(request, user):
        return away
    if services.has_authenticator(user):
        return redirect(f"{reverse('twofactor:verify')}?{urlencode({'next': _next_url(request)})}")
    if services.is_locked_out(request=request, user=user):
        return _locked_out(request)
    device = services.pending_authenticator(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device_id = int(request.POST.get("device", ""))
        except ValueError:
            device_id = device.pk
        result = services.confirm_authenticator(
            request=request, user=user, device_id=device_id, code=form.cleaned_data["code"]
        )
        if isinstance(result, services.Enrolment):
            return _recovery_codes_page(request, result.recovery_codes, enrolled=True)
        form.add_error("code", _refusal(result))
    secret = b32encode(device.bin_key).decode("ascii")
    return _page(
        request,
        "twofactor/enrol.html",
        form=form,
        device=device,
        qr_code=_qr_data_uri(device.config_url),
        secret_groups=[secret[start : start + 4] for start in range(0, len(secret), 4)],
        title=_("Thiết lập xác thực hai bước"),
    )


@never_cache
@get_or_post
def recovery_codes(request):
    """How many recovery codes are left, and a new set on demand (the old set stops working)."""
    user = request.user
    if not user.is_authenticated or not user.is_staff:
        return redirect(f"{reverse('admin:login')}?{urlencode({'next': request.path})}")
    if request.method == "POST":
        return _recovery_codes_page(request, services.new_recovery_codes(user=user))
    return _page(
        request,
        "twofactor/recovery_codes.html",
        left=services.recovery_codes_left(user),
        title=_("Mã khôi phục"),
    )


def _recovery_codes_page(request, codes, *, enrolled=False):
    # Shown once; never_cache on the views keeps every cache along the way from a copy.
    return _page(
        request,
        "twofactor/recovery_codes.html",
        codes=codes,
        enrolled=enrolled,
        title=_("Mã khôi phục"),
    )


def _qr_data_uri(text):
    """The QR code of ``text`` as an SVG data URI (the CSP allows data: images, not inline
    styles, and an <img> carries an alt text)."""
    svg = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2).to_string()
    return "data:image/svg+xml;base64," + b64encode(svg).decode("ascii")
