"""What the question tests share: a citizen's form as sent, with the captcha answered from the
database as a person would read it, and staff of a unit and coordinators."""

import re

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse
from factories import make_question_field, make_staff, make_unit

from organisation.models import Unit
from portal.staff import ANSWERERS, COORDINATORS
from questions.models import Responder

PASSWORD = "mat-khau-thu-nghiem"
ASK = "/hoi-dap/gui-cau-hoi/"
KEY = re.compile(r'name="captcha_0" value="([0-9a-f]+)"')


def captcha_key(html):
    return KEY.search(html)[1]


def solved(html):
    key = captcha_key(html)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


@pytest.fixture
def land():
    return make_question_field(name="Đất đai")


@pytest.fixture
def east_ward():
    return make_unit(name="Phường Đông Hòa", slug="phuong-dong-hoa", kind=Unit.Kind.WARD)


def question_data(filed_under, **overrides):
    data = {
        "name": "Lê Văn Tám",
        "name_shown": "initials",
        "email": "letam@example.org",
        "phone": "",
        "ward_text": "Tổ dân phố 3",
        "field": str(filed_under.pk),
        "title": "Thủ tục tách thửa đất ở",
        "text": "Gia đình tôi muốn tách thửa đất ở.\nCần những giấy tờ gì?",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def ask(client):
    """Send the form as a citizen does: open it, read the captcha, post; the response."""

    def send(data, *, ip="198.51.100.20", right_captcha=True, files=None):
        page = client.get(reverse("questions:ask"), REMOTE_ADDR=ip).content.decode()
        answer = solved(page)
        if not right_captcha:
            answer["captcha_1"] = "00000" if answer["captcha_1"] != "00000" else "11111"
        return client.post(
            reverse("questions:ask"), {**data, **answer, **(files or {})}, REMOTE_ADDR=ip
        )

    return send


def staff(username, group, unit=None):
    user = make_staff(username, group)
    if unit is not None:
        Responder.objects.create(user=user, unit=unit)
    return user


@pytest.fixture
def office_of_resources(db):
    return make_unit(name="Phòng Tài nguyên và Môi trường", slug="phong-tai-nguyen")


@pytest.fixture
def office_of_works(db):
    return make_unit(name="Phòng Quản lý đô thị", slug="phong-quan-ly-do-thi")


@pytest.fixture
def resources_staff(office_of_resources):
    return staff("tainguyen", ANSWERERS, office_of_resources)


@pytest.fixture
def works_staff(office_of_works):
    return staff("dothi", ANSWERERS, office_of_works)


@pytest.fixture
def coordinator(db):
    return staff("dieuphoi", COORDINATORS)
