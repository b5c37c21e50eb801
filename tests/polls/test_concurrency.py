"""Many readers voting in one poll at the same moment on PostgreSQL: every ballot counted once,
one reader's simultaneous clicks counted once, the address limit never overrun."""

import http.cookiejar
import json
import urllib.request

import pytest
from django.db import connection
from factories import make_poll
from threads import run_at_once

from polls import services
from polls.models import Ballot, BallotChoice

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

READERS = 50


def option_ids(poll):
    return list(poll.options.values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
def test_fifty_readers_voting_at_once_are_exactly_fifty_votes():
    poll = make_poll(options=("A", "B", "C", "D", "E"))
    ids = option_ids(poll)

    def vote(number):
        services.cast_ballot(
            poll=poll,
            voter_id=f"{number:032x}",
            ip=f"198.51.100.{number + 1}",
            option_ids=[ids[number % 5]],
        )

    run_at_once(READERS, vote)

    poll.refresh_from_db()
    assert poll.voter_count == READERS == Ballot.objects.filter(poll=poll).count()
    assert [option.vote_count for option in poll.options.all()] == [10, 10, 10, 10, 10]


@pytest.mark.django_db(transaction=True)
def test_one_reader_clicking_ten_times_at_once_is_one_vote():
    poll = make_poll(is_multiple_choice=True)
    ids = option_ids(poll)

    def click(number):
        try:
            services.cast_ballot(
                poll=poll, voter_id="a" * 32, ip="198.51.100.1", option_ids=ids[:2]
            )
        except services.AlreadyVoted:
            return False
        return True

    results = run_at_once(10, click)

    assert results.count(True) == 1
    poll.refresh_from_db()
    assert poll.voter_count == 1
    assert BallotChoice.objects.filter(ballot__poll=poll).count() == 2
    assert [option.vote_count for option in poll.options.all()] == [1, 1, 0]


@pytest.mark.django_db(transaction=True)
def test_new_voters_from_one_address_at_once_stop_exactly_at_the_limit(settings):
    settings.POLLS_VOTES_PER_IP_PER_DAY = 5
    poll = make_poll()
    ids = option_ids(poll)

    def vote(number):
        try:
            services.cast_ballot(
                poll=poll, voter_id=f"{number:032x}", ip="198.51.100.1", option_ids=ids[:1]
            )
        except services.VoteLimitReached:
            return False
        return True

    assert run_at_once(20, vote).count(True) == 5
    poll.refresh_from_db()
    assert poll.voter_count == 5


@pytest.mark.django_db(transaction=True)
def test_fifty_readers_voting_at_once_over_http_are_all_counted(live_server, settings):
    settings.POLLS_VOTES_PER_IP_PER_DAY = READERS
    poll = make_poll()
    ids = option_ids(poll)
    state_url = f"{live_server.url}/tham-do/{poll.pk}/cua-ban/"
    ballot_url = f"{live_server.url}/tham-do/{poll.pk}/binh-chon/"

    def reader(number):
        # Each reader is its own browser, as polls.js does it: the state gives the token.
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        with opener.open(state_url) as response:
            token = json.load(response)["token"]
        request = urllib.request.Request(  # noqa: S310 - the live server's http URL
            ballot_url,
            data=f"lua_chon={ids[number % 3]}".encode(),
            headers={
                "X-CSRFToken": token,
                "Accept": "application/json",
                "Origin": live_server.url,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        with opener.open(request) as response:
            return response.status

    statuses = run_at_once(READERS, reader)

    assert statuses == [200] * READERS
    poll.refresh_from_db()
    assert poll.voter_count == READERS
    assert sum(option.vote_count for option in poll.options.all()) == READERS
