"""One code, typed in many sessions at the same instant on PostgreSQL: it opens exactly one."""

import pytest
from django.db import connection
from django_otp.plugins.otp_static.models import StaticToken
from staff_login import enrol, totp_code
from threads import run_at_once

from twofactor import services

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

SESSIONS = 12


def test_a_recovery_code_sent_at_once_from_many_sessions_is_accepted_once(editor):
    _, codes = enrol(editor)

    def try_code(number):
        return services.check_code(user=editor, code=codes[0]).accepted

    assert sorted(run_at_once(SESSIONS, try_code)) == [False] * (SESSIONS - 1) + [True]
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    assert StaticToken.objects.filter(device__user=editor).count() == len(codes) - 1


def test_an_app_code_sent_at_once_from_many_sessions_is_accepted_once(editor):
    device, _ = enrol(editor)
    code = totp_code(device)

    def try_code(number):
        return services.check_code(user=editor, code=code).accepted

    assert sorted(run_at_once(SESSIONS, try_code)) == [False] * (SESSIONS - 1) + [True]
