"""Two-factor login is on in production and off under DJANGO_DEBUG=1, each unless set."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def fresh_process(args, **overrides):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name != "STAFF_TWO_FACTOR_REQUIRED"
    }
    env.update(DJANGO_SECRET_KEY=secrets.token_urlsafe(64), DJANGO_ALLOWED_HOSTS="example.org")
    env.update(overrides)
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py, fixed arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def required_in(**environment):
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STAFF_TWO_FACTOR_REQUIRED)"
    )
    result = fresh_process(["-c", script], DJANGO_SETTINGS_MODULE="portal.settings", **environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("environment", "required"),
    [
        ({}, "True"),
        ({"DJANGO_DEBUG": "1"}, "False"),
        ({"DJANGO_DEBUG": "1", "STAFF_TWO_FACTOR_REQUIRED": "1"}, "True"),
    ],
)
def test_two_factor_is_required_in_production_and_optional_for_local_runs(environment, required):
    assert required_in(**environment) == required


def test_check_deploy_warns_when_production_turns_two_factor_off():
    args = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    off = fresh_process(args, STAFF_TWO_FACTOR_REQUIRED="0")
    assert off.returncode != 0
    assert "twofactor.W001" in off.stdout + off.stderr
    on = fresh_process(args)
    assert "twofactor.W001" not in on.stdout + on.stderr
