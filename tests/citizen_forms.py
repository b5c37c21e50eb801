"""A citizen's form as they get it: the captcha key on the page, and its right answer."""

import re

from captcha.models import CaptchaStore


def captcha_key(html):
    return re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)


def solved_captcha(client, url, ip="198.51.100.30"):
    """The captcha fields of the form at ``url`` (fetched from ``ip``) with the right answer."""
    key = captcha_key(client.get(url, REMOTE_ADDR=ip).content.decode())
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def comment_url(consultation):
    return consultation.get_absolute_url() + "gop-y/"


def consultation_comment(client, consultation, ip="198.51.100.30", **fields):
    """A citizen's comment on ``consultation`` with a solved captcha."""
    data = {
        "name": "Lê Văn Cường",
        "contact": "0912 345 678",
        "text": "Đề nghị làm rõ Điều 3 về thời gian thực hiện.",
        **solved_captcha(client, comment_url(consultation), ip),
    }
    data.update(fields)
    return data
