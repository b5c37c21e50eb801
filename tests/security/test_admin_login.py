"""Admin login: five wrong passwords lock that username from that address for thirty minutes.

In tests, ``client.force_login(user)`` works as always. ``client.login(...)`` goes through
django-axes, which needs the request: write ``client.login(request=HttpRequest(), username=...,
password=...)``.
"""

from datetime import timedelta

import pytest
from axes.exceptions import AxesBackendRequestParameterRequired
from axes.models import AccessAttempt
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"
LOCKED_MESSAGE = "bị tạm khóa trong 30 phút"


def log_in(client, username, password, **extra):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password}, **extra
    )


def fail_five_times(client, username, **extra):
    answers = [log_in(client, username, "sai-mat-khau", **extra) for _ in range(5)]
    assert [answer.status_code for answer in answers[:4]] == [200] * 4
    return answers[-1]


def test_fifth_wrong_password_locks_out_with_a_vietnamese_message(client, editor):
    locked = fail_five_times(client, editor.username)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert LOCKED_MESSAGE in page
    assert "script-src 'self';" in locked["Content-Security-Policy"] + ";"


def test_the_right_password_is_refused_while_locked_out(client, editor):
    fail_five_times(client, editor.username)
    response = log_in(client, editor.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_the_username_and_address_pair_only(client, editor):
    fail_five_times(client, editor.username, REMOTE_ADDR="203.0.113.5")
    elsewhere = log_in(Client(), editor.username, PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert elsewhere.status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lock(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    fail_five_times(client, editor.username, REMOTE_ADDR="203.0.113.5")
    response = log_in(
        client,
        editor.username,
        PASSWORD,
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert response.status_code == 429


def test_the_lock_ends_after_thirty_minutes(client, editor):
    fail_five_times(client, editor.username)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=31)
    )
    assert log_in(client, editor.username, PASSWORD).status_code == 302


def test_a_superuser_can_unlock_a_username_at_once(client, editor):
    fail_five_times(client, editor.username)
    call_command("axes_reset_username", editor.username)
    assert log_in(client, editor.username, PASSWORD).status_code == 302


def test_superusers_see_login_attempts_in_the_admin_and_editors_do_not(
    client, editor, admin_client
):
    fail_five_times(client, editor.username)
    attempts_url = reverse("admin:axes_accessattempt_changelist")
    page = admin_client.get(attempts_url)
    assert page.status_code == 200
    assert editor.username in page.content.decode()
    editor_client = Client()
    editor_client.force_login(editor)
    assert editor_client.get(attempts_url).status_code == 403


def test_test_client_login_goes_through_axes_with_a_request(client, editor):
    assert client.login(request=HttpRequest(), username=editor.username, password=PASSWORD)
    with pytest.raises(AxesBackendRequestParameterRequired):
        Client().login(username=editor.username, password=PASSWORD)


def test_force_login_is_untouched_by_axes(editor_client):
    assert editor_client.get(reverse("admin:index")).status_code == 200
