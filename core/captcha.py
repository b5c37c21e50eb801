"""A captcha with one try per key for every citizen-facing form: its widget and field, the
atomic spending of a key, and a refresh view that limits new captchas per address block.

Built on django-simple-captcha's store and images. What the library leaves open is closed here:
its check and delete of a key are two statements, so several requests racing with one solved key
could all pass (10 keys let 16 comments in); and anyone could make hundreds of keys a second
through its refresh view. A form gets it all from ``CaptchaField``; a view that renders the form
tells it the reader's address (``CaptchaField.for_reader``).
"""

import secrets
import subprocess  # nosec B404 -- runs only espeak-ng, from settings, with the key's digits
import time
from datetime import timedelta

from captcha import urls as captcha_urls
from captcha.conf import settings as captcha_settings
from captcha.fields import BaseCaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .clientip import UNKNOWN_IP, address_block, client_ip

WRONG_CAPTCHA = _("Mã xác thực không đúng.")
EXPIRED_CAPTCHA = _("Mã xác thực đã hết hạn, vui lòng nhập mã mới.")
MISSING_CAPTCHA = _("Vui lòng nhập mã xác thực.")
TOO_MANY_CAPTCHAS = _(
    "Bạn đã yêu cầu quá nhiều mã xác thực trong một phút. Vui lòng đợi một phút rồi thử lại."
)
IMAGE_ALT = _("Ảnh mã xác thực: gõ các chữ số trong ảnh vào ô bên cạnh")
AUDIO_LINK = _("Nghe mã xác thực (đọc từng chữ số bằng tiếng Việt)")
PLACEHOLDER_ALT = _("Ảnh mã xác thực sẽ hiện khi bạn bắt đầu viết")
PLACEHOLDER_IMAGE = "img/ratings-captcha-placeholder.svg"
# New captchas are counted per address block in windows of this many seconds.
ISSUE_WINDOW_SECONDS = 60
# An expired key is kept this long after it expires, so that its reader is told "expired", not
# "wrong"; older keys are removed whenever a key is spent. Short, so that keys a robot asks for
# (CAPTCHAS_PER_ADDRESS_BLOCK_PER_MINUTE) do not pile up in the table.
EXPIRED_KEPT_SECONDS = 60 * 60
# What ``spend`` answers.
PASSED, WRONG, EXPIRED = "passed", "wrong", "expired"


def digits_challenge():
    """A captcha of CAPTCHA_LENGTH digits (CAPTCHA_CHALLENGE_FUNCT): digits are the easiest
    characters to read out and to hear in Vietnamese, and to type on a phone's keypad."""
    text = "".join(secrets.choice("0123456789") for _ in range(captcha_settings.CAPTCHA_LENGTH))
    return text, text


def _issue_allowed(ip):
    """Count one more captcha for ``ip``'s address block; False once the block is over its limit.

    Counted in the shared cache (Redis in production), so the limit holds across app servers;
    an IPv6 /64 is one reader, as in every per-address limit (core.clientip.address_block).
    """
    window = int(time.time() // ISSUE_WINDOW_SECONDS)
    key = f"captcha-issued:{address_block(ip or UNKNOWN_IP)}:{window}"
    cache.add(key, 0, ISSUE_WINDOW_SECONDS * 2)
    try:
        issued = cache.incr(key)
    except ValueError:  # evicted between add() and incr()
        cache.set(key, 1, ISSUE_WINDOW_SECONDS * 2)
        issued = 1
    return issued <= settings.CAPTCHAS_PER_ADDRESS_BLOCK_PER_MINUTE


def issue_key(ip):
    """A new captcha's key for a reader at ``ip``, or None when their block asked for too many."""
    if not _issue_allowed(ip):
        return None
    return CaptchaStore.generate_key()


def spend(key, answer):
    """Use up the captcha ``key`` with the reader's ``answer``: PASSED, WRONG or EXPIRED.

    One try per key, however it is raced: the right answer is taken by one DELETE of the row
    that matches key, answer and time, and only the request whose DELETE removed the row wins.
    A wrong answer spends the key as well. Each DELETE commits on its own (it is not rolled back
    with a form that fails later), so a key is never good for a second try. A key past its time
    is EXPIRED whatever was typed: the reader may well have typed it right.
    """
    answer = (answer or "").strip().lower()
    # Keys are hexadecimal; a forged one (with a NUL byte PostgreSQL refuses) is simply wrong.
    if not key or not answer or not key.isalnum():
        return WRONG
    now = timezone.now()
    keyed = CaptchaStore.objects.filter(hashkey=key)
    if captcha_settings.CAPTCHA_TEST_MODE and answer == "passed":
        # Test mode (refused in production by portal.checks): any answer to a live key passes.
        solved = keyed.filter(expiration__gt=now)
    else:
        solved = keyed.filter(response=answer, expiration__gt=now)
    if solved.delete()[0] > 0:
        outcome = PASSED
    elif keyed.filter(expiration__lte=now).delete()[0] > 0:
        outcome = EXPIRED
    else:
        keyed.delete()
        outcome = WRONG
    CaptchaStore.objects.filter(
        expiration__lte=now - timedelta(seconds=EXPIRED_KEPT_SECONDS)
    ).delete()
    return outcome


def image_url(key):
    return reverse("captcha-image", kwargs={"key": key})


def audio_url(key):
    return reverse("captcha-audio", kwargs={"key": key})


class CaptchaWidget(BaseCaptchaTextInput):
    """The captcha's image, hidden key, answer box and "Đổi mã khác" button, in Vietnamese.

    A ``lazy`` widget renders without a key and writes nothing: a page that shows it can be
    cached, and the page's script fetches a key from ``refresh`` when the reader starts to
    write. Otherwise each rendering issues a new key for ``client_ip``, unless that reader's
    block asked for too many, when the box says so and has no key.
    """

    # A <label> for the answer box, not a <legend> for the key and the box together.
    use_fieldset = False
    lazy = False
    client_ip = None

    def get_context(self, name, value, attrs):
        key = None if self.lazy else issue_key(self.client_ip)
        context = super().get_context(name, [key or "", ""], attrs)
        # HTML allows neither `required` nor `autocomplete` on a hidden input (the key's field).
        hidden_key = context["widget"]["subwidgets"][0]["attrs"]
        hidden_key.pop("required", None)
        hidden_key.pop("autocomplete", None)
        # Nobody can fix the key: the answer box alone is marked, and is where focus goes.
        hidden_key.pop("aria-invalid", None)
        # Django points the field's inputs at its error; HTML allows no aria-* on a hidden one.
        hidden_key.pop("aria-describedby", None)
        hidden_key.pop("autofocus", None)
        context.update(key=key, throttled=not self.lazy and key is None)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        width, height = captcha_settings.CAPTCHA_IMAGE_SIZE or (120, 44)
        key = context["key"]
        image = format_html(
            '<img class="captcha-image" src="{}" alt="{}" width="{}" height="{}">',
            image_url(key) if key else static(PLACEHOLDER_IMAGE),
            IMAGE_ALT if key else PLACEHOLDER_ALT,
            width,
            height,
        )
        # A link, not an <audio> player: a screen reader announces it by name, and any phone
        # or browser plays a .wav it opens. Without a key yet (the cached article page) it waits
        # in a <template>, which the page's script fills in: a link without an address would be
        # no link at all to crawlers and assistive technology.
        link = '<a class="captcha-audio" data-captcha-audio href="{}">{}</a>'
        audio = (
            format_html(link, audio_url(key), AUDIO_LINK)
            if key
            else format_html(
                "<template data-captcha-audio-template>{}</template>",
                format_html(link, "", AUDIO_LINK),
            )
        )
        # Each input is rendered (and escaped) by Django's own widget template.
        inputs = format_html_join(
            "",
            "{}",
            (
                (self._render(sub["template_name"], {"widget": sub}, renderer),)
                for sub in context["widget"]["subwidgets"]
            ),
        )
        notice = (
            format_html('<span class="captcha-notice" role="alert">{}</span>', TOO_MANY_CAPTCHAS)
            if context["throttled"]
            else ""
        )
        return format_html(
            '<span class="captcha" data-captcha data-refresh-url="{}">{}{}{}'
            '<button type="button" class="captcha-refresh" data-captcha-refresh hidden>'
            "{}</button>{}</span>",
            reverse("captcha-refresh"),
            image,
            audio,
            inputs,
            gettext("Đổi mã khác"),
            notice,
        )


class CaptchaField(forms.MultiValueField):
    """The captcha's key and answer; valid only for the one request that spends a right answer.

    Spending happens in ``clean``: a form that fails on another field has used its key too (one
    try), and shows a new captcha with everything else the reader typed.
    """

    widget = CaptchaWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mã xác thực"))
        kwargs["error_messages"] = {
            "invalid": WRONG_CAPTCHA,
            "expired": EXPIRED_CAPTCHA,
            "required": MISSING_CAPTCHA,
            "incomplete": MISSING_CAPTCHA,
            **kwargs.get("error_messages", {}),
        }
        fields = (forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=True, **kwargs)

    def compress(self, data_list):
        return tuple(data_list) if data_list else None

    def clean(self, value):
        key, answer = super().clean(value)
        outcome = spend(key, answer)
        if outcome != PASSED:
            code = "expired" if outcome == EXPIRED else "invalid"
            raise forms.ValidationError(self.error_messages[code], code=code)
        return key

    def for_reader(self, ip, *, lazy=False):
        """Render for the reader at ``ip`` (their block's limit applies), or ``lazy``: no key."""
        self.widget.client_ip = ip
        self.widget.lazy = lazy


@never_cache
@require_GET
def refresh(request):
    """A new captcha for the page's script: key and image URL as JSON, or 429 with a message."""
    # As the library's view: only for the page's script, never a link or an <img>.
    if request.headers.get("X-Requested-With") != "XMLHttpRequest":
        raise Http404
    key = issue_key(client_ip(request))
    if key is None:
        return JsonResponse({"message": str(TOO_MANY_CAPTCHAS)}, status=429)
    return JsonResponse({"key": key, "image_url": image_url(key), "audio_url": audio_url(key)})


def speak(text):
    """``text`` read out by espeak-ng's Vietnamese voice, one character at a time, as WAV bytes.

    espeak-ng (Debian's package, installed by `make speech`) works offline and has a Vietnamese
    voice; the library's own audio view only knows flite, which speaks English.
    """
    # No shell; the program comes from settings and the text is the key's own digits.
    command = [settings.CAPTCHA_ESPEAK_PATH, "-v", "vi", "-s", "110", "-g", "12", "--stdout"]
    wav = subprocess.run(  # noqa: S603  # nosec B603
        [*command, ", ".join(text)],
        capture_output=True,
        check=True,
        timeout=10,
    ).stdout
    return with_true_sizes(wav)


def with_true_sizes(wav):
    """``wav`` with the real lengths in its header: written to a pipe, espeak-ng cannot go back
    and fill them in, and leaves placeholders some players take for a two-gigabyte file."""
    data_at = wav.find(b"data", 12)
    if not wav.startswith(b"RIFF") or data_at < 0:
        return wav
    size = len(wav)
    return b"".join(
        (
            wav[:4],
            (size - 8).to_bytes(4, "little"),
            wav[8 : data_at + 4],
            (size - data_at - 8).to_bytes(4, "little"),
            wav[data_at + 8 :],
        )
    )


@never_cache
@require_GET
def audio(request, key):
    """The captcha ``key``'s digits read aloud in Vietnamese: the image's spoken alternative.

    410 for a key that is gone or past its time (as the library's view: crawlers drop it).
    """
    store = CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now()).first()
    if store is None:
        return HttpResponse(status=410)
    try:
        sound = speak(store.challenge)
    except (OSError, subprocess.SubprocessError):
        # No espeak-ng on this server (see `make speech`): the image and its refresh still work.
        return HttpResponse(gettext("Chưa đọc được mã bằng giọng nói."), status=503)
    return HttpResponse(sound, content_type="audio/wav")


# The library's image view, with this refresh view and this audio view in place of its own.
urlpatterns = [
    path("refresh/", refresh, name="captcha-refresh"),
    # A key is hexadecimal: anything else (a NUL byte PostgreSQL refuses, say) is a 404 here.
    path("audio/<slug:key>.wav", audio, name="captcha-audio"),
    *(
        pattern
        for pattern in captcha_urls.urlpatterns
        if pattern.name not in {"captcha-refresh", "captcha-audio"}
    ),
]
