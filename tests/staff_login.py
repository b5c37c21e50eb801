"""Staff logging in with two factors, in tests: the two steps, a real TOTP code, an enrolled app."""

import re
import time

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from twofactor import services

PASSWORD = "mat-khau-thu-nghiem"


def totp_code(device, *, steps_ahead=0):
    """The code an authenticator app shows now for ``device`` (or ``steps_ahead`` 30-second
    steps later: a code is accepted once, so a second login in the same test uses the next)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def totp_for_secret(secret):
    """The code for a base32 secret read off the enrolment page, as a phone app computes it."""
    from base64 import b32decode

    key = b32decode(secret.replace(" ", "").upper())
    return f"{TOTP(key).token():06d}"


def enrol(user):
    """Give ``user`` a confirmed authenticator app and recovery codes; returns (device, codes)."""
    device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
    return device, services.new_recovery_codes(user=user)


def password_step(client, username, password=PASSWORD, next_url=None):
    """Log in with the password on the admin's login page (through django-axes)."""
    url = reverse("admin:login")
    if next_url:
        url += f"?next={next_url}"
    return client.post(url, {"username": username, "password": password})


def code_step(client, code, next_url=None):
    data = {"code": code}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("twofactor:verify"), data)


def secret_on(html):
    return re.search(r'id="secret">([A-Z2-7 ]+)<', html).group(1)


def force_verified_login(client, user):
    """``client.force_login(user)`` with the second factor given too (an app is enrolled)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or enrol(user)[0]
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return device
