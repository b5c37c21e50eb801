"""Editors set up a poll in the admin: 2 to 10 options, told in Vietnamese otherwise."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from polls.models import Poll

pytestmark = pytest.mark.django_db


def poll_form(options, **fields):
    now = timezone.localtime()
    data = {
        "question": "Bạn muốn thị xã ưu tiên việc gì?",
        "opens_at_0": now.strftime("%d/%m/%Y"),
        "opens_at_1": now.strftime("%H:%M:%S"),
        "closes_at_0": (now + timedelta(days=7)).strftime("%d/%m/%Y"),
        "closes_at_1": now.strftime("%H:%M:%S"),
        "results_before_voting": "on",
        "options-TOTAL_FORMS": str(len(options)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "2",
        "options-MAX_NUM_FORMS": "10",
    }
    for number, text in enumerate(options):
        data[f"options-{number}-text"] = text
        data[f"options-{number}-order"] = str(number)
    data.update(fields)
    return data


@pytest.mark.parametrize("count", [1, 11])
def test_a_poll_needs_two_to_ten_options(editor_client, count):
    response = editor_client.post(
        reverse("admin:polls_poll_add"), poll_form([f"Phương án {n}" for n in range(count)])
    )
    assert response.status_code == 200
    assert "Một cuộc thăm dò cần từ 2 đến 10 phương án" in response.content.decode()
    assert not Poll.objects.exists()


def test_an_editor_adds_a_poll_that_appears_in_the_sidebar(editor_client, client):
    response = editor_client.post(
        reverse("admin:polls_poll_add"), poll_form(["Đường sá", "Trường học", "Chợ"])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    poll = Poll.objects.get()
    assert [option.text for option in poll.options.all()] == ["Đường sá", "Trường học", "Chợ"]
    assert "Bạn muốn thị xã ưu tiên việc gì?" in client.get("/").content.decode()


def test_a_maximum_of_choices_only_for_a_multiple_choice_poll(editor_client):
    response = editor_client.post(
        reverse("admin:polls_poll_add"), poll_form(["A", "B", "C"], max_choices="2")
    )
    assert "Chỉ đặt số phương án tối đa khi cho chọn nhiều phương án." in response.content.decode()
