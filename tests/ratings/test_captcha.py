"""The comment form's captcha (core.captcha): one try per key, and new keys limited per
address block, through the refresh view the article page's script calls and the feedback page."""

import re

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse
from factories import make_article

from core import captcha

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
TOO_MANY = "Bạn đã yêu cầu quá nhiều mã xác thực trong một phút."


def refresh(client, ip="198.51.100.30"):
    return client.get(reverse("captcha-refresh"), REMOTE_ADDR=ip, **XHR)


@pytest.mark.django_db
def test_the_refresh_view_gives_a_new_key_and_its_image(client):
    response = refresh(client)

    assert response.status_code == 200
    data = response.json()
    assert CaptchaStore.objects.filter(hashkey=data["key"]).exists()
    assert data["image_url"] == reverse("captcha-image", kwargs={"key": data["key"]})
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_the_refresh_view_serves_only_the_pages_script(client):
    assert client.get(reverse("captcha-refresh")).status_code == 404
    assert not CaptchaStore.objects.exists()


@pytest.mark.django_db
def test_an_address_asking_for_too_many_captchas_is_told_to_wait_in_vietnamese(client, settings):
    settings.CAPTCHAS_PER_ADDRESS_BLOCK_PER_MINUTE = 3
    assert [refresh(client).status_code for _ in range(3)] == [200] * 3

    response = refresh(client)

    assert response.status_code == 429
    assert TOO_MANY in response.json()["message"]
    assert CaptchaStore.objects.count() == 3
    # Another reader is not held back.
    assert refresh(client, ip="198.51.100.31").status_code == 200


@pytest.mark.django_db
def test_an_ipv6_network_asking_from_new_addresses_is_one_reader(client, settings):
    settings.CAPTCHAS_PER_ADDRESS_BLOCK_PER_MINUTE = 2
    statuses = [refresh(client, ip=f"2001:db8:7::{number}").status_code for number in (1, 2, 3)]
    other_network = refresh(client, ip="2001:db8:8::1").status_code

    assert (statuses, other_network) == ([200, 200, 429], 200)


@pytest.mark.django_db
def test_the_feedback_page_counts_its_captchas_and_says_when_there_are_too_many(client, settings):
    settings.CAPTCHAS_PER_ADDRESS_BLOCK_PER_MINUTE = 2
    article = make_article()
    url = reverse("ratings:feedback", kwargs={"slug": article.slug})
    for _ in range(2):
        assert re.search(r'name="captcha_0" value="[0-9a-f]+"', client.get(url).content.decode())

    page = client.get(url).content.decode()

    assert TOO_MANY in page
    assert not re.search(r'name="captcha_0" value="[0-9a-f]+"', page)
    assert CaptchaStore.objects.count() == 2


@pytest.mark.django_db
def test_a_comment_refused_for_too_many_captchas_keeps_the_text(client, settings):
    article = make_article()
    url = reverse("ratings:feedback", kwargs={"slug": article.slug})
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', client.get(url).content.decode())[1]
    settings.CAPTCHAS_PER_ADDRESS_BLOCK_PER_MINUTE = 1
    data = {"name": "Lê Thị Hoa", "text": "Lời tôi viết", "captcha_0": key, "captcha_1": "sai"}

    response = client.post(reverse("ratings:comment", kwargs={"slug": article.slug}), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Lời tôi viết</textarea>" in page and 'value="Lê Thị Hoa"' in page
    assert "Mã xác thực không đúng." in page and TOO_MANY in page


@pytest.mark.django_db
def test_a_right_answer_is_accepted_once_and_a_wrong_one_spends_the_key():
    right = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=right).response
    wrong = CaptchaStore.generate_key()

    assert captcha.spend(right, f"  {answer.upper()} ") == captcha.PASSED
    assert captcha.spend(right, answer) == captcha.WRONG
    assert captcha.spend(wrong, "sai") == captcha.WRONG
    assert not CaptchaStore.objects.exists()


@pytest.mark.django_db
def test_the_captcha_field_is_ready_for_any_citizen_form():
    from django import forms

    class QuestionForm(forms.Form):
        question = forms.CharField()
        captcha = captcha.CaptchaField()

    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    data = {"question": "Giờ làm việc?", "captcha_0": key, "captcha_1": answer}

    assert QuestionForm(data).is_valid()
    second = QuestionForm(data)
    assert not second.is_valid()
    assert second.errors["captcha"] == ["Mã xác thực không đúng."]
