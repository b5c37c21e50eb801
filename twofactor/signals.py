"""The second factor's events, for whoever records staff actions (an audit log) to listen to.

Each signal is sent with ``user`` (the staff account concerned) and ``request`` (or None when
the event did not come from a request); ``second_factor_reset`` also has ``by`` (the superuser
who reset it). Every event is also written to the ``twofactor`` logger, so it is on record
even before anything listens.
"""

import logging

from django.dispatch import Signal

logger = logging.getLogger("twofactor")

# A staff member confirmed an authenticator app (first enrolment, or again after a reset).
second_factor_enrolled = Signal()
# A superuser removed a staff member's authenticator app and recovery codes.
second_factor_reset = Signal()
# A wrong (or throttled) code at the code step; ``locked_out`` says whether it locked the login.
second_factor_failed = Signal()
# A right code (``recovery`` says whether it was a recovery code): the login is complete.
second_factor_verified = Signal()


def _username(user):
    return user.get_username() if user is not None else "-"


def enrolled(*, user, request=None):
    logger.info("2FA enrolled: user=%s", _username(user), extra={"request": request})
    second_factor_enrolled.send(sender=__name__, user=user, request=request)


def reset(*, user, by, request=None):
    logger.warning(
        "2FA device reset: user=%s by=%s",
        _username(user),
        _username(by),
        extra={"request": request},
    )
    second_factor_reset.send(sender=__name__, user=user, by=by, request=request)


def failed(*, user, request=None, locked_out=False):
    logger.warning(
        "2FA code failed: user=%s locked_out=%s",
        _username(user),
        locked_out,
        extra={"request": request},
    )
    second_factor_failed.send(sender=__name__, user=user, request=request, locked_out=locked_out)


def verified(*, user, request=None, recovery=False):
    logger.info(
        "2FA verified: user=%s recovery_code=%s",
        _username(user),
        recovery,
        extra={"request": request},
    )
    second_factor_verified.send(sender=__name__, user=user, request=request, recovery=recovery)
