"""Readers vote in a poll: one ballot per reader, the poll's choice bounds, the IP-block limit,
closed polls refused, results as Vietnamese readers write them, and the pages stay cacheable."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from factories import make_poll

from polls import services
from polls.models import Ballot, BallotChoice, Poll, percent

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def ballot_url(poll):
    return reverse("polls:ballot", args=[poll.pk])


def option(poll, text):
    return poll.options.get(text=text).pk


def vote(client, poll, *texts, ip="198.51.100.40", **extra):
    data = {"lua_chon": [option(poll, text) for text in texts]}
    return client.post(ballot_url(poll), data, REMOTE_ADDR=ip, **extra)


def cast(poll, number, *texts, ip=None):
    return services.cast_ballot(
        poll=poll,
        voter_id=f"{number:032x}",
        ip=ip or f"203.0.113.{number % 250 + 1}",
        option_ids=[option(poll, text) for text in texts],
    )


def test_a_vote_without_javascript_posts_then_shows_thanks_and_results(client):
    poll = make_poll()

    response = vote(client, poll, "Hài lòng", follow=True)

    page = response.content.decode()
    assert response.redirect_chain == [(ballot_url(poll), 302)]
    assert "Cảm ơn bạn đã bình chọn." in page
    assert "Bạn đã bình chọn trong cuộc thăm dò này." in page
    assert "1 người đã bình chọn" in page
    assert poll.options.get(text="Hài lòng").vote_count == 1


def test_the_sidebar_form_without_javascript_opens_the_ballot_page_with_the_choice_made(client):
    poll = make_poll()
    chosen = option(poll, "Chưa hài lòng")

    page = client.get(ballot_url(poll), {"lua_chon": chosen}).content.decode()

    assert re.search(rf'<input[^>]*value="{chosen}"[^>]*checked', page)
    assert "csrfmiddlewaretoken" in page


def test_one_reader_votes_once(client):
    poll = make_poll()
    assert vote(client, poll, "Hài lòng").status_code == 302

    again = vote(client, poll, "Chưa hài lòng", **JSON)

    assert again.status_code == 409
    assert again.json()["message"] == (
        "Bạn đã bình chọn trong cuộc thăm dò này. Mỗi người chỉ bình chọn một lần."
    )
    poll.refresh_from_db()
    assert poll.voter_count == 1
    assert [o.vote_count for o in poll.options.all()] == [0, 1, 0]


def test_a_single_choice_poll_takes_one_option_only(client):
    poll = make_poll()
    response = vote(client, poll, "Hài lòng", "Rất hài lòng", **JSON)
    assert response.status_code == 400
    assert "Chỉ được chọn một phương án." in response.json()["message"]
    assert not Ballot.objects.exists()


def test_a_multiple_choice_poll_takes_up_to_its_bound(client):
    poll = make_poll(
        options=("Đường sá", "Chợ", "Trường học", "Trạm y tế"),
        is_multiple_choice=True,
        max_choices=2,
    )
    too_many = vote(client, poll, "Đường sá", "Chợ", "Trường học", **JSON)
    assert too_many.status_code == 400
    assert too_many.json()["message"] == "Chỉ được chọn tối đa 2 phương án (bạn đã chọn 3)."
    none = client.post(ballot_url(poll), {}, **JSON)
    assert none.status_code == 400 and "Vui lòng chọn một phương án." in none.json()["message"]

    assert vote(client, poll, "Đường sá", "Trạm y tế", **JSON).status_code == 200

    poll.refresh_from_db()
    assert poll.voter_count == 1
    assert [o.vote_count for o in poll.options.all()] == [1, 0, 0, 1]


def test_an_option_of_another_poll_is_refused(client):
    poll, other = make_poll(), make_poll()
    response = client.post(
        ballot_url(poll), {"lua_chon": [other.options.first().pk]}, REMOTE_ADDR="198.51.100.4"
    )
    assert response.status_code == 400
    assert "Phương án đã chọn không thuộc cuộc thăm dò này." in response.content.decode()


def test_a_closed_poll_refuses_votes_in_vietnamese(client):
    poll = make_poll()
    Poll.objects.filter(pk=poll.pk).update(
        opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(seconds=1)
    )

    response = vote(client, poll, "Hài lòng", **JSON)

    assert response.status_code == 403
    assert response.json()["message"] == (
        "Cuộc thăm dò này đã kết thúc (hoặc chưa mở), không nhận thêm bình chọn."
    )
    assert not Ballot.objects.exists()
    page = client.get(ballot_url(poll)).content.decode()
    assert "Cuộc thăm dò đã kết thúc, không nhận thêm bình chọn." in page
    assert 'name="lua_chon"' not in page


def test_new_voters_from_one_address_stop_at_the_daily_limit(client, settings):
    settings.POLLS_VOTES_PER_IP_PER_DAY = 3
    poll = make_poll()
    for number in range(3):
        cast(poll, number, "Hài lòng", ip="198.51.100.8")

    with pytest.raises(services.VoteLimitReached):
        cast(poll, 99, "Hài lòng", ip="198.51.100.8")
    # An IPv6 subscriber's /64 is one address block.
    for number in range(3):
        cast(poll, 200 + number, "Hài lòng", ip=f"2001:db8:1:2::{number + 1}")
    with pytest.raises(services.VoteLimitReached):
        cast(poll, 300, "Hài lòng", ip="2001:db8:1:2::99")

    response = vote(client, poll, "Hài lòng", ip="198.51.100.8", **JSON)
    assert response.status_code == 429
    assert "quá nhiều lượt bình chọn từ địa chỉ mạng của bạn" in response.json()["message"]
    poll.refresh_from_db()
    assert poll.voter_count == 6


def test_results_show_counts_and_shares_the_vietnamese_way(client):
    poll = make_poll(options=("Đồng ý", "Không đồng ý"))
    cast(poll, 1, "Không đồng ý")
    for number in range(2, 23):
        cast(poll, number, "Đồng ý")

    page = client.get(poll.get_absolute_url()).content.decode()

    assert "22 người đã bình chọn" in page
    rows = re.findall(
        r"<tr>\s*<th scope=\"row\">([^<]+)<br>.*?<td>(\d+)</td>\s*<td>([^<]+)</td>", page, re.S
    )
    assert rows == [("Đồng ý", "21", "95,5\u00a0%"), ("Không đồng ý", "1", "4,5\u00a0%")]
    # The bars are pictures of the figures written beside them.
    assert '<meter class="poll-bar" min="0" max="100" value="95.5" aria-hidden="true">' in page


def test_results_group_thousands_in_the_total_as_in_the_counts(client):
    poll = make_poll(options=("Đồng ý", "Không đồng ý"))
    agree = poll.options.get(text="Đồng ý")
    earlier = Ballot.objects.bulk_create(
        Ballot(poll=poll, voter_id=f"{number:032x}", ip="192.0.2.1", ip_block="192.0.2.1")
        for number in range(1, 1234)
    )
    BallotChoice.objects.bulk_create(
        BallotChoice(ballot=ballot, option=agree) for ballot in earlier
    )
    # The one path that counts: it recounts every ballot.
    cast(poll, 1234, "Không đồng ý")

    page = client.get(poll.get_absolute_url()).content.decode()

    assert "Kết quả: 1.234 người đã bình chọn" in page
    assert "<td>1.233</td>" in page


def test_shares_round_half_up_and_zero_voters_is_zero():
    assert str(percent(1, 8)) == "12.5"
    assert str(percent(1, 3)) == "33.3"
    assert str(percent(2, 3)) == "66.7"
    assert str(percent(0, 0)) == "0.0"


def test_the_results_page_is_cached_and_refreshed_by_a_vote(
    client, django_capture_on_commit_callbacks
):
    poll = make_poll()
    assert "0 người đã bình chọn" in client.get(poll.get_absolute_url()).content.decode()
    assert client.get(poll.get_absolute_url())["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        cast(poll, 1, "Hài lòng")

    assert "1 người đã bình chọn" in client.get(poll.get_absolute_url()).content.decode()


def test_hidden_results_are_shown_only_to_readers_who_voted(client):
    poll = make_poll(results_before_voting=False)
    cast(poll, 1, "Hài lòng")

    page = client.get(poll.get_absolute_url()).content.decode()
    assert "người đã bình chọn" not in page
    assert "Kết quả được hiển thị cho bạn sau khi bạn bình chọn" in page
    state = client.get(reverse("polls:state", args=[poll.pk])).json()
    assert (state["voted"], state["results_html"]) == (False, "")

    vote(client, poll, "Rất hài lòng")

    state = client.get(reverse("polls:state", args=[poll.pk])).json()
    assert state["voted"] is True
    assert "2 người đã bình chọn" in state["results_html"]
    # The cached page is the same for everyone: still no counts there.
    client.cookies.clear()
    assert "người đã bình chọn" not in client.get(poll.get_absolute_url()).content.decode()


def test_the_sidebar_shows_the_current_poll_and_keeps_pages_cacheable(client):
    make_poll(question="Câu hỏi cũ hơn")
    poll = make_poll(
        question="Bạn có đi xe buýt mới không?", opens_at=timezone.now() - timedelta(minutes=5)
    )
    make_poll(
        question="Câu hỏi chưa mở",
        opens_at=timezone.now() + timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=3),
    )

    first = client.get("/")
    page = first.content.decode()

    assert "Bạn có đi xe buýt mới không?" in page
    assert "Câu hỏi cũ hơn" not in page and "Câu hỏi chưa mở" not in page
    assert f'data-state-url="{reverse("polls:state", args=[poll.pk])}"' in page
    assert "csrfmiddlewaretoken" not in page
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_a_voted_reader_is_marked_for_the_script_and_gets_the_voter_cookie(client):
    poll = make_poll()
    response = vote(client, poll, "Hài lòng")
    assert str(poll.pk) in response.cookies["polls_voted"].value.split(".")
    assert response.cookies["ratings_voter"]["httponly"]


def test_an_unknown_poll_is_a_404(client):
    assert client.get("/tham-do/999999/").status_code == 404
    assert client.post("/tham-do/999999/binh-chon/", {"lua_chon": 1}).status_code == 404


def test_the_sidebar_poll_leaves_every_page_by_itself_at_its_closing_time(client):
    import time

    poll = make_poll(
        question="Câu hỏi sắp đóng?", closes_at=timezone.now() + timedelta(seconds=1.5)
    )
    assert "Câu hỏi sắp đóng?" in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"

    time.sleep(max(0, (poll.closes_at - timezone.now()).total_seconds()) + 0.2)

    assert "Câu hỏi sắp đóng?" not in client.get("/").content.decode()


def test_on_an_https_site_both_cookies_are_secure(client, settings):
    settings.SESSION_COOKIE_SECURE = True
    poll = make_poll()
    response = client.post(
        ballot_url(poll),
        {"lua_chon": [option(poll, "Hài lòng")]},
        REMOTE_ADDR="198.51.100.3",
        secure=True,
    )
    assert response.cookies["__Host-ratings_voter"]["secure"]
    assert response.cookies["polls_voted"]["secure"]


@pytest.mark.parametrize("spelling", ["0{pk}", "{pk}x", "+{pk}", "１"])
def test_a_poll_has_one_address(client, spelling):
    poll = make_poll()
    assert client.get(f"/tham-do/{spelling.format(pk=poll.pk)}/").status_code == 404
