"""Every page of two-factor login speaks Vietnamese: no English word of the library or the admin
leaks into the text, the title or the labels a screen reader reads."""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from staff_login import (
    code_step,
    enrol,
    force_verified_login,
    password_step,
    secret_on,
    totp_code,
    totp_for_secret,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]

# Words an English page could not do without (the libraries' and the admin's own).
ENGLISH = re.compile(
    r"\b(the|and|or|you|your|please|enter|code|token|device|password|log ?in|log ?out|sign"
    r"|submit|verify|error|invalid|wrong|back|home|skip|content|toggle|theme|recovery|backup"
    r"|authenticat\w*|setup|set up|scan|secret|key|account|continue|cancel|save|welcome)\b",
    re.IGNORECASE,
)
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "value"}
SKIPPED = {"script", "style", "svg"}
# Names of apps, not English sentences.
BRANDS = re.compile(r"(Google|Microsoft) Authenticator|FreeOTP")


class ReadableText(HTMLParser):
    """What a reader sees or hears: text, the title, alt texts, labels, button values."""

    def __init__(self):
        super().__init__()
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        if tag == "input" and dict(attrs).get("type") == "hidden":
            return
        self.parts.extend(
            value
            for name, value in attrs
            if name in READ_ATTRIBUTES and value and not value.startswith(("data:", "/"))
        )

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def english_in(answer):
    parser = ReadableText()
    parser.feed(answer.content.decode())
    text = " ".join(" ".join(parser.parts).split())
    words = ENGLISH.finditer(BRANDS.sub("", text))
    return sorted({match.group(0).lower() for match in words}), text


def assert_vietnamese(answer, must_contain):
    found, text = english_in(answer)
    assert not found, f"English on the page: {found}\n{text}"
    assert must_contain in text, text
    assert 'lang="vi"' in answer.content.decode()


def test_the_enrolment_pages_are_in_vietnamese(client, editor):
    password_step(client, editor.username)
    page = client.get(reverse("twofactor:enrol"), follow=True)
    assert_vietnamese(page, "Thiết lập xác thực hai bước")
    device = TOTPDevice.objects.get(user=editor)
    secret = secret_on(page.content.decode())
    wrong = "123456" if totp_for_secret(secret) != "123456" else "654321"
    assert_vietnamese(
        client.post(reverse("twofactor:enrol"), {"code": wrong, "device": device.pk}),
        "Mã xác thực không đúng",
    )
    assert_vietnamese(
        client.post(reverse("twofactor:enrol"), {"code": "", "device": device.pk}),
        "Hãy nhập mã xác thực",
    )
    device.throttling_failure_count = 0
    device.save()
    done = client.post(
        reverse("twofactor:enrol"), {"code": totp_for_secret(secret), "device": device.pk}
    )
    assert_vietnamese(done, "Đã thiết lập xong xác thực hai bước")
    assert_vietnamese(client.get(reverse("twofactor:recovery_codes")), "mã khôi phục chưa dùng")
    assert_vietnamese(client.post(reverse("twofactor:recovery_codes")), "chỉ dùng được một lần")


def test_the_code_step_and_its_messages_are_in_vietnamese(client, editor):
    device, codes = enrol(editor)
    password_step(client, editor.username)
    assert_vietnamese(client.get(reverse("twofactor:verify")), "Nhập mã xác thực")
    wrong = "123456" if totp_code(device) != "123456" else "654321"
    assert_vietnamese(code_step(client, wrong), "Mã xác thực không đúng")
    assert_vietnamese(code_step(client, wrong), "Hãy đợi")
    assert_vietnamese(code_step(client, ""), "Hãy nhập mã xác thực")
    code_step(client, codes[0])
    assert_vietnamese(client.get(reverse("admin:index")), "Bạn vừa dùng một mã khôi phục")


def test_the_lockout_after_wrong_codes_is_in_vietnamese(client, editor):
    device, _ = enrol(editor)
    password_step(client, editor.username)
    wrong = "123456" if totp_code(device) != "123456" else "654321"
    answers = [code_step(client, wrong) for _ in range(5)]
    assert answers[-1].status_code == 429
    assert_vietnamese(answers[-1], "mật khẩu hoặc mã xác thực")


def test_the_reset_action_and_its_message_are_in_vietnamese(client, admin_user, editor):
    enrol(editor)
    force_verified_login(client, admin_user)
    page = client.get(reverse("admin:auth_user_changelist"))
    assert_vietnamese(page, "Đặt lại xác thực hai bước (người dùng phải thiết lập lại)")
    done = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [editor.pk]},
        follow=True,
    )
    assert_vietnamese(done, "Đã đặt lại xác thực hai bước của bientap")


@pytest.mark.parametrize("required", [True, False])
def test_make_run_says_how_the_printed_admin_logs_in(settings, tmp_path, capsys, required):
    settings.BASE_DIR = tmp_path
    settings.STAFF_TWO_FACTOR_REQUIRED = required
    call_command("ensureadmin")
    printed = capsys.readouterr().out
    assert "user: admin" in printed
    if required:
        assert "Two-factor login is on" in printed and "QR code" in printed
    else:
        assert "Two-factor login is off (DJANGO_DEBUG=1)" in printed
        assert "STAFF_TWO_FACTOR_REQUIRED=1" in printed
