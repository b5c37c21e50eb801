"""Issue 19's barriers that need no browser: the captcha image keeps every digit whole, its
audio answers for live keys only, a 405 is the site's Vietnamese page, the footer's counters say
what they count, and headings are written in normal case (CSS makes them capitals)."""

import io
import re
from datetime import timedelta

import pytest
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.urls import reverse
from django.utils import timezone
from factories import make_article
from PIL import Image

from core import captcha

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_noise():
    # Read by the library once at import (override_settings has no effect): patch the module.
    previous = captcha_settings.CAPTCHA_NOISE_FUNCTIONS
    captcha_settings.CAPTCHA_NOISE_FUNCTIONS = ()
    yield
    captcha_settings.CAPTCHA_NOISE_FUNCTIONS = previous


def ink_columns(image):
    """The x of every column of ``image`` with a dark pixel in it."""
    grey = image.convert("L")
    width, height = grey.size
    return [x for x in range(width) if any(grey.getpixel((x, y)) < 160 for y in range(height))]


@pytest.mark.parametrize("digits", ["88888", "00000", "44444", "11111", "77777"])
def test_the_captcha_image_keeps_its_first_and_last_digit_whole(client, no_noise, digits):
    for _ in range(5):  # each digit is tilted at random
        key = CaptchaStore.generate_key()
        CaptchaStore.objects.filter(hashkey=key).update(challenge=digits, response=digits)
        response = client.get(reverse("captcha-image", kwargs={"key": key}))
        image = Image.open(io.BytesIO(response.content))

        columns = ink_columns(image)

        assert columns[0] >= 2 and columns[-1] <= image.width - 3, (columns[0], columns[-1])


def test_a_captcha_is_five_digits():
    key = CaptchaStore.generate_key()
    assert re.fullmatch(r"\d{5}", CaptchaStore.objects.get(hashkey=key).response)


def test_the_spoken_captcha_is_gone_with_its_key(client):
    key = CaptchaStore.generate_key()
    url = reverse("captcha-audio", kwargs={"key": key})
    CaptchaStore.objects.filter(hashkey=key).update(
        expiration=timezone.now() - timedelta(seconds=1)
    )

    assert client.get(url).status_code == 410
    assert client.get(reverse("captcha-audio", kwargs={"key": "0" * 40})).status_code == 410


def test_without_a_speech_engine_the_audio_says_so_and_the_image_still_works(client, settings):
    settings.CAPTCHA_ESPEAK_PATH = "/nonexistent/espeak-ng"
    key = CaptchaStore.generate_key()

    response = client.get(reverse("captcha-audio", kwargs={"key": key}))

    assert response.status_code == 503
    assert client.get(reverse("captcha-image", kwargs={"key": key})).status_code == 200


def test_an_expired_key_is_told_apart_from_a_wrong_answer():
    expired, wrong = CaptchaStore.generate_key(), CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=expired).response
    CaptchaStore.objects.filter(hashkey=expired).update(expiration=timezone.now())

    assert captcha.spend(expired, answer) == captcha.EXPIRED
    assert captcha.spend(wrong, "sai") == captcha.WRONG
    assert not CaptchaStore.objects.exists()


@pytest.mark.parametrize(
    "send",
    [
        lambda client, article: client.generic("TRACE", "/"),
        lambda client, article: client.post(reverse("news:search")),
        lambda client, article: client.get(
            reverse("ratings:comment", kwargs={"slug": article.slug})
        ),
    ],
    ids=["refused-method", "read-only-page", "post-only-view"],
)
def test_a_405_is_the_sites_vietnamese_page(client, send):
    response = send(client, make_article())

    page = response.content.decode()
    assert response.status_code == 405 and response["Allow"]
    assert '<html lang="vi">' in page and "Phương thức không được hỗ trợ" in page
    assert 'href="/"' in page


def test_the_footer_counters_say_what_they_count(client):
    page = client.get("/").content.decode()

    assert re.search(r'Thống kê: [\d.]+<span class="visually-hidden"> lượt truy cập</span>', page)
    assert re.search(
        r'Online: [\d.]+<span class="visually-hidden"> người đang truy cập</span>', page
    )


def test_headings_are_written_in_normal_case(client):
    article = make_article(title="Khánh thành cầu mới")
    pages = [client.get(path).content.decode() for path in ("/", article.get_absolute_url())]

    headings = [
        re.sub(r"<[^>]+>", "", text).strip()
        for page in pages
        for text in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", page, re.S)
    ]

    shouting = [text for text in headings if len(text) > 3 and text == text.upper()]
    assert headings and not shouting, shouting


def feedback_page_after(client, name, data):
    article = make_article()
    url = reverse(f"ratings:{name}", kwargs={"slug": article.slug})
    return client.post(url, data, REMOTE_ADDR="198.51.100.40").content.decode()


def test_a_refused_comment_page_is_titled_as_an_error_and_sums_up_each_error(client):
    page = feedback_page_after(
        client, "comment", {"text": "Góp ý", "captcha_0": "0" * 40, "captcha_1": "12345"}
    )

    assert re.search(r"<title>Lỗi: ", page)
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', page, re.S).group()
    assert re.findall(r'href="#([\w-]+)"', summary) == ["id_name", "id_captcha_1"]
    # Focus opens in the first field to fix, and only there.
    assert re.findall(r"<input[^>]*autofocus[^>]*>", page) == re.findall(
        r'<input[^>]*id="id_name"[^>]*>', page
    )


def test_a_vote_without_stars_sums_up_its_error_without_autofocus_on_every_star(client):
    page = feedback_page_after(client, "vote", {})

    assert re.search(r"<title>Lỗi: ", page)
    assert '<a href="#id_stars_0">Vui lòng chọn số sao (từ 1 đến 5).</a>' in page
    assert "autofocus" not in page


def test_a_feedback_page_without_errors_has_no_summary(client):
    article = make_article()
    page = client.get(reverse("ratings:feedback", kwargs={"slug": article.slug})).content.decode()

    assert "<title>Lỗi" not in page and "error-summary" not in page and "autofocus" not in page
