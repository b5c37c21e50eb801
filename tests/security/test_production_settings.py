"""Production settings, loaded in a fresh process as a server would: deploy checks, cookies, HSTS."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from portal.checks import captcha_test_mode_off_in_production

ROOT = Path(__file__).resolve().parents[2]
COOKIE_SETTINGS = [
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
]


def production_env(**overrides):
    """The environment of a production server: a long random key, one host, no DEBUG."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="example.org",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests")]),
    )
    env.update(overrides)
    return env


def run(args, env):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py, fixed arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def settings_in_a_fresh_process(env, names):
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = run(["-c", script], {**env, "DJANGO_SETTINGS_MODULE": "portal.settings"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_passes_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_when_a_production_guard_is_off():
    # The same command does catch a weakened setting: the test above is not green by default.
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(DJANGO_HSTS_SECONDS="0"),
    )
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_production_cookie_settings_use_the_host_prefix_and_secure_flags():
    values = settings_in_a_fresh_process(production_env(), COOKIE_SETTINGS)
    assert values["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert values["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000


def test_a_plain_http_bench_keeps_plain_cookie_names():
    # Browsers drop __Host- cookies sent without Secure, so the prefix goes with HTTPS.
    values = settings_in_a_fresh_process(production_env(DJANGO_HTTPS="0"), COOKIE_SETTINGS)
    assert values["SESSION_COOKIE_NAME"] == "sessionid"
    assert values["CSRF_COOKIE_NAME"] == "csrftoken"
    assert not values["SESSION_COOKIE_SECURE"]


@pytest.fixture
def production_cookies(settings):
    for name, value in settings_in_a_fresh_process(production_env(), COOKIE_SETTINGS).items():
        setattr(settings, name, value)
    return settings


@pytest.mark.django_db
def test_staff_login_over_https_sets_host_prefixed_secure_httponly_lax_cookies(
    production_cookies, editor
):
    client = Client()
    login_url = reverse("admin:login")
    page = client.get(login_url, secure=True)
    assert page.status_code == 200
    response = client.post(
        login_url,
        {"username": editor.username, "password": "mat-khau-thu-nghiem", "next": "/"},
        secure=True,
    )
    assert response.status_code == 302
    for name in ["__Host-sessionid", "__Host-csrftoken"]:
        cookie = client.cookies[name]
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
        assert not cookie["domain"]
    assert "sessionid" not in client.cookies and "csrftoken" not in client.cookies


@pytest.mark.django_db
def test_https_answers_carry_hsts_and_plain_http_is_redirected(production_cookies):
    client = Client()
    secure = client.get("/robots.txt", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    plain = client.get("/robots.txt")
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")


def test_portal_refuses_to_start_in_production_with_captcha_test_mode():
    env = production_env(DJANGO_SETTINGS_MODULE="security.captcha_test_mode_settings")
    result = run(["-c", "import django; django.setup()"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "CAPTCHA_TEST_MODE is on while DEBUG is off" in result.stderr


def test_the_same_settings_start_with_captcha_test_mode_when_debug_is_on():
    env = production_env(
        DJANGO_SETTINGS_MODULE="security.captcha_test_mode_settings", DJANGO_DEBUG="1"
    )
    result = run(["-c", "import django; django.setup()"], env)
    assert result.returncode == 0, result.stderr


def test_system_check_reports_captcha_test_mode_without_debug(settings, monkeypatch):
    # django-simple-captcha copies its settings at import, so patch its copy (library notes).
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", True)
    settings.DEBUG = False
    errors = captcha_test_mode_off_in_production()
    assert [error.id for error in errors] == ["portal.E001"]
    settings.DEBUG = True
    assert captcha_test_mode_off_in_production() == []


def test_admin_url_moves_with_its_setting():
    env = production_env(DJANGO_DEBUG="1", DJANGO_ADMIN_URL="/quan-tri-a7k2/")
    script = (
        "import json, django; django.setup()\n"
        "from django.test import RequestFactory\n"
        "from django.urls import Resolver404, resolve, reverse\n"
        "from portal.views import robots_txt\n"
        "try:\n    resolve('/admin/'); old = True\nexcept Resolver404:\n    old = False\n"
        "robots = robots_txt(RequestFactory().get('/robots.txt')).content.decode()\n"
        "print(json.dumps({'index': reverse('admin:index'), 'old': old, 'robots': robots}))"
    )
    result = run(["-c", script], {**env, "DJANGO_SETTINGS_MODULE": "portal.settings"})
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["index"] == "/quan-tri-a7k2/"
    assert found["old"] is False
    assert "/admin/" not in found["robots"]
