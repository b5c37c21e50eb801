"""Staff's second factor: enrolment, the code check, recovery codes and a superuser's reset.

The devices are django-otp's: a ``TOTPDevice`` is the authenticator app, a ``StaticDevice``
holds the recovery codes (``StaticToken``, each deleted when used). A wrong code counts toward
django-axes' lock of that username and address, as a wrong password does.
"""

from dataclasses import dataclass
from math import ceil

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import signals

# What separates groups in a code as people type it: "123 456", "abcd-efgh".
TYPED_SEPARATORS = str.maketrans("", "", " -\t")
# TOTPDevice's default, which enrolment keeps (the QR code says it to the app).
APP_CODE_DIGITS = 6


def is_required(user) -> bool:
    """Whether ``user`` must give a second factor to use the admin (every staff account)."""
    return bool(settings.STAFF_TWO_FACTOR_REQUIRED and user.is_authenticated and user.is_staff)


def has_authenticator(user) -> bool:
    """Whether ``user`` has a confirmed authenticator app (enrolment done)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator(*, user) -> TOTPDevice:
    """The authenticator app ``user`` is enrolling: a new secret, kept until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Ứng dụng xác thực"), confirmed=False)
    return device


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of a code: the device that accepted it, or how long to wait before another."""

    device: object = None
    wait_seconds: int = 0

    @property
    def accepted(self) -> bool:
        return self.device is not None

    @property
    def recovery(self) -> bool:
        return isinstance(self.device, StaticDevice)


def normalised(code: str) -> str:
    return (code or "").translate(TYPED_SEPARATORS).lower()


def _wait_seconds(device) -> int:
    allowed, details = device.verify_is_allowed()
    if allowed or not details or "locked_until" not in details:
        return 0
    return max(1, ceil((details["locked_until"] - timezone.now()).total_seconds()))


def _check(devices, code) -> CodeCheck:
    """Try ``code`` on each device (locked for update, so a code is spent once)."""
    wait = 0
    for device in devices.select_for_update():
        device_wait = _wait_seconds(device)
        if device_wait:
            # django-otp's own back-off (1, 2, 4... seconds after successive failures) holds
            # for this device from every address; the code is not even tried.
            wait = max(wait, device_wait)
            continue
        if device.verify_token(code):
            return CodeCheck(device=device)
    return CodeCheck(wait_seconds=wait)


def check_code(*, user, code: str) -> CodeCheck:
    """Check a code from ``user``'s authenticator app (6 digits) or one of their recovery codes.

    A recovery code is deleted as it is accepted: it works once.
    """
    code = normalised(code)
    if not code:
        return CodeCheck()
    # An app's code is 6 digits; recovery codes are 8 letters and digits.
    model = TOTPDevice if code.isdigit() and len(code) == APP_CODE_DIGITS else StaticDevice
    with transaction.atomic():
        return _check(model.objects.devices_for_user(user, confirmed=True), code)


def new_recovery_codes(*, user) -> list[str]:
    """Replace ``user``'s recovery codes with a new set and return it (shown once, never stored
    elsewhere)."""
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=_("Mã khôi phục"), confirmed=True)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@dataclass(frozen=True)
class Enrolment:
    """A confirmed authenticator app and the recovery codes handed out with it."""

    device: TOTPDevice
    recovery_codes: list[str]


def confirm_authenticator(*, request, user, device_id: int, code: str) -> Enrolment | CodeCheck:
    """Confirm the app being enrolled with a code it shows; on success the session is verified.

    Returns the ``Enrolment`` or, for a wrong code, the ``CodeCheck`` that refused it.
    """
    with transaction.atomic():
        pending = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False)
        result = _check(pending, normalised(code))
        if not result.accepted:
            return result
        device = result.device
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # One app per account: an earlier one (or another half-finished enrolment) goes.
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = new_recovery_codes(user=user)
    _complete_login(request, device)
    signals.enrolled(user=user, request=request)
    return Enrolment(device=device, recovery_codes=codes)


def verify_login(*, request, user, code: str) -> CodeCheck:
    """The code step of a login: a right code verifies the session and clears the failed
    attempts; a wrong one counts toward django-axes' lock of this username and address, and a
    locked login is logged out (``request.axes_locked_out`` then shows the lockout page)."""
    result = check_code(user=user, code=code)
    if result.accepted:
        _complete_login(request, result.device)
        signals.verified(user=user, request=request, recovery=result.recovery)
        return result
    # Sent as Django sends a wrong password: django-axes counts it (and whoever else listens).
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    locked_out = bool(getattr(request, "axes_locked_out", False))
    signals.failed(user=user, request=request, locked_out=locked_out)
    if locked_out:
        logout(request)
    return result


def is_locked_out(*, request, user) -> bool:
    """Whether django-axes has locked this username from this address (password or code)."""
    return AxesProxyHandler.is_locked(request, _credentials(user))


def reset_devices(*, user, by, request=None) -> bool:
    """Remove ``user``'s authenticator app and recovery codes: their next admin page asks them
    to enrol again (a session verified with the old app is no longer verified). Returns whether
    there was anything to remove."""
    with transaction.atomic():
        removed = sum(
            model.objects.filter(user=user).delete()[0] for model in (TOTPDevice, StaticDevice)
        )
    if removed:
        signals.reset(user=user, by=by, request=request)
    return bool(removed)


def complete_password_only_login(sender, request, user, **kwargs):
    """user_logged_in receiver: a login that needs no second factor is complete with the
    password, so its failed attempts are cleared (django-axes' AXES_RESET_ON_SUCCESS)."""
    if request is None or is_required(user):
        return
    _reset_attempts(request, user)


def _complete_login(request, device):
    # A new session key for the raised privilege, as Django's login() does.
    request.session.cycle_key()
    django_otp.login(request, device)
    _reset_attempts(request, device.user)


def _credentials(user):
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


def _reset_attempts(request, user):
    AxesProxyHandler.update_request(request)
    address = request.axes_ip_address
    if address:
        AxesProxyHandler.reset_attempts(ip_address=address, username=user.get_username())
