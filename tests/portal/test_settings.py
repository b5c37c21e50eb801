"""Settings read from the environment: production refuses unsafe defaults; media can move to S3."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "honglinh.gov.vn",
    "DATABASE_URL": "sqlite:////tmp/portal-settings-check.sqlite3",
}


def run_django(code, **environment):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "S3_"))}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings", **environment)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = run_django("pass", DJANGO_ALLOWED_HOSTS="honglinh.gov.vn")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_are_secure_by_default():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_NAME)"
    )
    result = run_django(code, **PRODUCTION)
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "__Host-sessionid"]


def test_database_url_selects_postgresql():
    code = "from django.conf import settings as s; d = s.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['HOST'], d['PORT'], d['USER'])"
    result = run_django(
        code,
        **{**PRODUCTION, "DATABASE_URL": "postgres://portal:p%40ss@db.local:5433/congthongtin"},
    )
    assert result.stdout.split() == [
        "core.postgresql",
        "congthongtin",
        "db.local",
        "5433",
        "portal",
    ]


def test_media_can_live_in_an_s3_compatible_store():
    code = (
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.url('covers/2026/11/anh.webp'))"
    )
    result = run_django(
        code,
        **PRODUCTION,
        S3_BUCKET="portal-media",
        S3_CUSTOM_DOMAIN="media.honglinh.gov.vn",
        S3_ENDPOINT_URL="https://s3.example.vn",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "portal-media",
        "https://media.honglinh.gov.vn/covers/2026/11/anh.webp",
    ]


@pytest.mark.parametrize("url", ["mysql://x@y/z", "redis://x"])
def test_an_unknown_database_url_is_a_clear_error(url):
    result = run_django("pass", **{**PRODUCTION, "DATABASE_URL": url})
    assert "DATABASE_URL scheme" in result.stderr


@pytest.mark.django_db
def test_security_txt_names_the_contact_for_vulnerability_reports(client, settings):
    settings.SECURITY_CONTACT = "mailto:cntt@honglinh.gov.vn"
    response = client.get("/.well-known/security.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Contact: mailto:cntt@honglinh.gov.vn" in response.content.decode()
    assert "Expires: " in response.content.decode()
    settings.SECURITY_CONTACT = ""
    assert client.get("/.well-known/security.txt").status_code == 404
