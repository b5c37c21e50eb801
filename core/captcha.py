"""A captcha with one try per key for every citizen-facing form: its widget and field, the
atomic spending of a key, and a refresh view that limits new captchas per address block.

Built on django-simple-captcha's store and images. What the library leaves open is closed here:
its check and delete of a key are two statements, so several requests racing with one solved key
could all pass (10 keys let 16 comments in); and anyone could make hundreds of keys a second
through its refresh view. A form gets it all from ``CaptchaField``; a view that renders the form
tells it the reader's address (``CaptchaField.for_reader``).
"""

import time

from captcha import urls as captcha_urls
from captcha.conf import settings as captcha_settings
from captcha.fields import BaseCaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, JsonResponse
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
MISSING_CAPTCHA = _("Vui lòng nhập mã xác thực.")
TOO_MANY_CAPTCHAS = _(
    "Bạn đã yêu cầu quá nhiều mã xác thực trong một phút. Vui lòng đợi một phút rồi thử lại."
)
IMAGE_ALT = _("Ảnh mã xác thực: gõ các chữ cái trong ảnh vào ô bên cạnh")
PLACEHOLDER_ALT = _("Ảnh mã xác thực sẽ hiện khi bạn bắt đầu viết")
PLACEHOLDER_IMAGE = "img/ratings-captcha-placeholder.svg"
# New captchas are counted per address block in windows of this many seconds.
ISSUE_WINDOW_SECONDS = 60


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
    """Use up the captcha ``key`` with the reader's ``answer``: True if it was right.

    One try per key, however it is raced: the right answer is taken by one DELETE of the row
    that matches key, answer and time, and only the request whose DELETE removed the row wins.
    A wrong answer spends the key as well. Each DELETE commits on its own (it is not rolled back
    with a form that fails later), so a key is never good for a second try.
    """
    answer = (answer or "").strip().lower()
    if not key or not answer:
        return False
    keyed = CaptchaStore.objects.filter(hashkey=key)
    if captcha_settings.CAPTCHA_TEST_MODE and answer == "passed":
        # Test mode (refused in production by portal.checks): any answer to a live key passes.
        solved = keyed.filter(expiration__gt=timezone.now())
    else:
        solved = keyed.filter(response=answer, expiration__gt=timezone.now())
    won = solved.delete()[0] > 0
    if not won:
        keyed.delete()
    CaptchaStore.remove_expired()
    return won


def image_url(key):
    return reverse("captcha-image", kwargs={"key": key})


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
            '<span class="captcha" data-captcha data-refresh-url="{}">{}{}'
            '<button type="button" class="captcha-refresh" data-captcha-refresh hidden>'
            "{}</button>{}</span>",
            reverse("captcha-refresh"),
            image,
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
        if not spend(key, answer):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
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
    return JsonResponse({"key": key, "image_url": image_url(key)})


# The library's image and audio views, with this refresh view in place of its own.
urlpatterns = [
    path("refresh/", refresh, name="captcha-refresh"),
    *(pattern for pattern in captcha_urls.urlpatterns if pattern.name != "captcha-refresh"),
]
