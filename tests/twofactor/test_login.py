"""Staff log in with a password and then a code from their authenticator app (STAFF_TWO_FACTOR_REQUIRED).

Wrong codes count toward the same lock as wrong passwords (five in thirty minutes per username
and address), a recovery code works once, and a superuser's reset sends the user back to
enrolment.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.signals import user_login_failed
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from staff_login import (
    PASSWORD,
    code_step,
    enrol,
    force_verified_login,
    password_step,
    secret_on,
    totp_code,
    totp_for_secret,
)

from twofactor import signals

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]

ADMIN = "/admin/"
WRONG_CODE = "Mã xác thực không đúng"
LOCKED = "bị tạm khóa trong 30 phút"


def admin_index(client):
    return client.get(reverse("admin:index"))


def test_a_staff_member_without_an_app_is_sent_to_enrolment_not_into_the_admin(editor_client):
    answer = admin_index(editor_client)
    assert answer.status_code == 302
    assert answer["Location"] == f"{reverse('twofactor:enrol')}?next=%2Fadmin%2F"


def test_a_password_alone_does_not_open_the_admin_or_the_editor_uploads(client, editor):
    enrol(editor)
    assert password_step(client, editor.username).status_code == 302
    for url in (
        reverse("admin:index"),
        reverse("admin:news_article_add"),
        reverse("ckeditor_browse"),
        reverse("ckeditor_upload"),
        reverse("twofactor:recovery_codes"),
        reverse("admin:password_change"),
    ):
        answer = client.get(url)
        assert answer.status_code == 302, url
        assert answer["Location"].startswith(reverse("twofactor:verify") + "?next="), url


def test_password_then_a_real_totp_code_opens_the_admin(client, editor):
    device, _ = enrol(editor)
    answer = password_step(client, editor.username, next_url=ADMIN)
    answer = client.get(answer["Location"], follow=True)
    assert answer.redirect_chain[-1][0].startswith(reverse("twofactor:verify"))
    assert "mã 6 chữ số" in answer.content.decode()

    answer = code_step(client, totp_code(device), next_url="/admin/news/article/")
    assert answer.status_code == 302
    assert answer["Location"] == "/admin/news/article/"
    assert admin_index(client).status_code == 200


def test_the_code_step_refuses_to_send_the_user_to_another_site(client, editor):
    device, _ = enrol(editor)
    password_step(client, editor.username)
    answer = code_step(client, totp_code(device), next_url="https://example.com/admin/")
    assert answer["Location"] == ADMIN


def test_a_wrong_code_is_refused_in_vietnamese_and_the_admin_stays_closed(client, editor):
    device, _ = enrol(editor)
    password_step(client, editor.username)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    answer = code_step(client, wrong)
    assert answer.status_code == 200
    assert WRONG_CODE in answer.content.decode()
    assert admin_index(client).status_code == 302


def test_a_second_try_too_soon_after_a_wrong_code_is_told_to_wait(client, editor):
    device, _ = enrol(editor)
    password_step(client, editor.username)
    code_step(client, "000000" if totp_code(device) != "000000" else "111111")
    answer = code_step(client, totp_code(device))
    assert "Hãy đợi" in answer.content.decode()
    assert admin_index(client).status_code == 302


def test_a_code_is_accepted_once_so_a_seen_code_cannot_be_replayed(editor):
    device, _ = enrol(editor)
    code = totp_code(device)
    first, second = Client(), Client()
    password_step(first, editor.username)
    password_step(second, editor.username)
    assert code_step(first, code).status_code == 302
    assert WRONG_CODE in code_step(second, code).content.decode()
    assert admin_index(second).status_code == 302


def test_a_recovery_code_works_once_only(editor):
    device, codes = enrol(editor)
    first = Client()
    password_step(first, editor.username)
    # Typed in upper case with a space, as read off paper.
    typed = f"{codes[3][:4].upper()} {codes[3][4:]}"
    answer = code_step(first, typed)
    assert answer.status_code == 302
    answer = admin_index(first)
    assert answer.status_code == 200
    assert "còn lại 9 mã" in answer.content.decode()
    assert f'<a href="{reverse("twofactor:recovery_codes")}">' in answer.content.decode()
    assert StaticToken.objects.filter(device__user=editor).count() == len(codes) - 1

    again = Client()
    password_step(again, editor.username)
    answer = code_step(again, codes[3])
    assert WRONG_CODE in answer.content.decode()
    assert admin_index(again).status_code == 302


def wrong_code(device):
    right = totp_code(device)
    return "123456" if right != "123456" else "654321"


def test_five_wrong_codes_lock_the_login_and_end_the_session(client, editor):
    device, codes = enrol(editor)
    password_step(client, editor.username)
    answers = [code_step(client, wrong_code(device)) for _ in range(5)]
    assert [answer.status_code for answer in answers[:4]] == [200] * 4
    assert answers[4].status_code == 429
    assert LOCKED in answers[4].content.decode()
    # The session is logged out: the code step sends to the password page...
    assert client.get(reverse("twofactor:verify"))["Location"].startswith(reverse("admin:login"))
    # ...where the right password is refused while the lock lasts.
    answer = password_step(client, editor.username)
    assert answer.status_code == 429


def test_a_locked_out_user_cannot_keep_guessing_codes_from_another_open_session(editor):
    device, codes = enrol(editor)
    other_tab = Client()
    password_step(other_tab, editor.username)
    attacker = Client()
    password_step(attacker, editor.username)
    for _ in range(5):
        code_step(attacker, wrong_code(device))

    # Even the right code (and a recovery code) is not tried while the lock lasts.
    answer = code_step(other_tab, codes[0])
    assert answer.status_code == 429
    assert StaticToken.objects.filter(device__user=editor, token=codes[0]).exists()
    assert admin_index(other_tab).status_code == 302


def test_a_right_password_does_not_wipe_earlier_failures_before_the_code(client, editor):
    device, _ = enrol(editor)
    for _ in range(3):
        password_step(client, editor.username, password="sai-mat-khau")
    assert password_step(client, editor.username).status_code == 302
    assert code_step(client, wrong_code(device)).status_code == 200
    answer = code_step(client, wrong_code(device))
    assert answer.status_code == 429


def test_a_right_code_clears_the_failures_of_that_login(client, editor):
    device, _ = enrol(editor)
    for _ in range(3):
        password_step(client, editor.username, password="sai-mat-khau")
    password_step(client, editor.username)
    assert code_step(client, totp_code(device)).status_code == 302
    assert not AccessAttempt.objects.filter(username=editor.username).exists()


def test_the_lock_on_codes_ends_after_thirty_minutes(client, editor):
    device, _ = enrol(editor)
    password_step(client, editor.username)
    for _ in range(5):
        code_step(client, wrong_code(device))
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    device.throttling_failure_count = 0
    device.save()
    password_step(client, editor.username)
    assert code_step(client, totp_code(device)).status_code == 302
    assert admin_index(client).status_code == 200


def test_failed_codes_are_sent_as_failed_logins_and_as_a_2fa_event(client, editor):
    device, _ = enrol(editor)
    failed_logins, failed_codes = [], []

    def on_failed_login(sender, credentials, **kwargs):
        failed_logins.append(credentials)

    def on_failed_code(sender, user, locked_out, **kwargs):
        failed_codes.append((user.username, locked_out))

    user_login_failed.connect(on_failed_login)
    signals.second_factor_failed.connect(on_failed_code)
    try:
        password_step(client, editor.username)
        code_step(client, wrong_code(device))
    finally:
        user_login_failed.disconnect(on_failed_login)
        signals.second_factor_failed.disconnect(on_failed_code)
    assert failed_logins == [{"username": editor.username}]
    assert failed_codes == [(editor.username, False)]


def test_first_login_enrols_an_app_from_the_secret_on_the_page(client, editor):
    events = []

    def on_enrolled(sender, user, **kwargs):
        events.append(user.username)

    signals.second_factor_enrolled.connect(on_enrolled)
    try:
        answer = password_step(client, editor.username, next_url=ADMIN)
        page = client.get(answer["Location"], follow=True)
        html = page.content.decode()
        assert page.redirect_chain[-1][0].startswith(reverse("twofactor:enrol"))
        assert 'src="data:image/svg+xml;base64,' in html
        answer = client.post(
            page.redirect_chain[-1][0],
            {
                "code": totp_for_secret(secret_on(html)),
                "device": TOTPDevice.objects.get(user=editor).pk,
                "next": ADMIN,
            },
        )
    finally:
        signals.second_factor_enrolled.disconnect(on_enrolled)
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "Đã thiết lập xong xác thực hai bước" in html
    shown = StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)
    assert len(shown) == 10 and all(code in html for code in shown)
    assert "no-store" in answer["Cache-Control"]
    assert events == [editor.username]
    assert admin_index(client).status_code == 200


def test_a_wrong_code_at_enrolment_keeps_the_same_secret(client, editor):
    password_step(client, editor.username)
    page = client.get(reverse("twofactor:enrol"))
    secret = secret_on(page.content.decode())
    device = TOTPDevice.objects.get(user=editor)
    right = totp_for_secret(secret)
    answer = client.post(
        reverse("twofactor:enrol"),
        {"code": "123456" if right != "123456" else "654321", "device": device.pk},
    )
    assert WRONG_CODE in answer.content.decode()
    assert secret_on(answer.content.decode()) == secret
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed


def test_a_superuser_resets_a_device_and_the_user_must_enrol_again(editor, admin_user):
    device, _ = enrol(editor)
    editor_browser = Client()
    password_step(editor_browser, editor.username)
    assert code_step(editor_browser, totp_code(device)).status_code == 302
    assert admin_index(editor_browser).status_code == 200

    superuser = Client()
    superuser.force_login(admin_user)
    enrol(admin_user)
    password_step(superuser, admin_user.username, password="password")
    superuser_device = TOTPDevice.objects.get(user=admin_user)
    code_step(superuser, totp_code(superuser_device))
    answer = superuser.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [editor.pk]},
        follow=True,
    )
    assert "Đã đặt lại xác thực hai bước của bientap" in answer.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()

    # The session verified with the removed app is no longer verified.
    answer = admin_index(editor_browser)
    assert answer["Location"].startswith(reverse("twofactor:enrol"))


def test_only_a_superuser_is_offered_the_reset(editor, django_user_model, admin_user):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    enrol(admin_user)
    staff = Client()
    force_verified_login(staff, editor)
    page = staff.get(reverse("admin:auth_user_changelist"))
    assert page.status_code == 200
    assert "reset_second_factor" not in page.content.decode()
    answer = staff.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [admin_user.pk]},
    )
    assert TOTPDevice.objects.filter(user=admin_user).exists(), answer.status_code


def test_with_two_factor_off_the_admin_opens_after_the_password(client, editor, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    assert password_step(client, editor.username).status_code == 302
    assert admin_index(client).status_code == 200


def test_with_two_factor_off_a_right_password_still_clears_earlier_failures(
    client, editor, settings
):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    for _ in range(4):
        password_step(client, editor.username, password="sai-mat-khau")
    password_step(client, editor.username)
    assert not AccessAttempt.objects.filter(username=editor.username).exists()


def test_the_public_site_is_untouched_for_a_staff_member_half_way_through(client, editor):
    enrol(editor)
    password_step(client, editor.username)
    assert client.get("/").status_code == 200
    assert PASSWORD  # the fixtures' password is the one the login used


def test_a_recovery_code_made_only_of_digits_is_still_taken_for_a_recovery_code(client, editor):
    # Recovery codes are 8 characters of base32, which has the digits 2-7.
    _, codes = enrol(editor)
    StaticToken.objects.filter(token=codes[0]).update(token="23456723")
    password_step(client, editor.username)
    assert code_step(client, "2345 6723").status_code == 302
    assert admin_index(client).status_code == 200


def test_the_user_list_shows_who_has_set_up_two_factor_login(client, editor, admin_user):
    import re

    force_verified_login(client, admin_user)
    page = client.get(reverse("admin:auth_user_changelist")).content.decode()
    shown = dict(
        re.findall(
            r'field-username"><a [^>]*>([^<]+)</a>.*?field-has_second_factor"><img [^>]*alt="(\w+)"',
            page,
            re.DOTALL,
        )
    )
    assert shown == {admin_user.username: "True", editor.username: "False"}
