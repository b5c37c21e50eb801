"""Casting a reader's ballot in a poll: the one place the counts change."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.clientip import address_block

from .models import Ballot, BallotChoice, Poll, PollOption
from .signals import announce_poll_voted


class BallotRefused(Exception):
    """The ballot was not counted; ``message`` says why, in Vietnamese, for the reader."""

    message = ""

    def __str__(self):
        return str(self.message)


class PollClosed(BallotRefused):
    message = _("Cuộc thăm dò này đã kết thúc (hoặc chưa mở), không nhận thêm bình chọn.")


class AlreadyVoted(BallotRefused):
    message = _("Bạn đã bình chọn trong cuộc thăm dò này. Mỗi người chỉ bình chọn một lần.")


class VoteLimitReached(BallotRefused):
    message = _(
        "Đã có quá nhiều lượt bình chọn từ địa chỉ mạng của bạn hôm nay. "
        "Vui lòng thử lại vào ngày mai."
    )


class InvalidChoice(BallotRefused):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def check_choices(poll: Poll, option_ids: list[int], valid_ids: set[int]) -> list[int]:
    """The chosen options, each once, or InvalidChoice with what to fix."""
    chosen = sorted(set(option_ids))
    if not chosen:
        raise InvalidChoice(_("Vui lòng chọn một phương án."))
    if not set(chosen) <= valid_ids:
        raise InvalidChoice(_("Phương án đã chọn không thuộc cuộc thăm dò này."))
    bound = poll.choice_bound(len(valid_ids))
    if len(chosen) > bound:
        if bound == 1:
            raise InvalidChoice(_("Chỉ được chọn một phương án."))
        raise InvalidChoice(
            _("Chỉ được chọn tối đa %(bound)d phương án (bạn đã chọn %(chosen)d).")
            % {"bound": bound, "chosen": len(chosen)}
        )
    return chosen


@transaction.atomic
def cast_ballot(*, poll: Poll, voter_id: str, ip: str, option_ids: list[int]) -> Poll:
    """Count ``voter_id``'s ballot choosing ``option_ids`` in ``poll``; returns the poll with
    its counts as they are now.

    Ballots in one poll are serialised by a row lock on the poll, and the counts are recounted
    from the ballots in the same transaction, as star ratings are: 50 readers voting at once are
    50 votes, and one reader's two clicks at once are one. Whether the poll is open is decided
    here, at the moment of saving. Raises PollClosed, AlreadyVoted, VoteLimitReached or
    InvalidChoice (each a BallotRefused with its message).
    """
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if not poll.is_open(timezone.now()):
        raise PollClosed
    options = {option.pk: option for option in poll.options.all()}
    chosen = check_choices(poll, option_ids, set(options))
    if Ballot.objects.filter(poll=poll, voter_id=voter_id).exists():
        raise AlreadyVoted
    since = timezone.now() - timedelta(days=1)
    from_block = Ballot.objects.filter(poll=poll, ip_block=address_block(ip), created_at__gte=since)
    if from_block.count() >= settings.POLLS_VOTES_PER_IP_PER_DAY:
        raise VoteLimitReached
    ballot = Ballot.objects.create(poll=poll, voter_id=voter_id, ip=ip)
    BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, option_id=pk) for pk in chosen)
    counts = dict(
        BallotChoice.objects.filter(ballot__poll=poll)
        .values_list("option_id")
        .annotate(count=Count("pk"))
        .values_list("option_id", "count")
    )
    for option in options.values():
        option.vote_count = counts.get(option.pk, 0)
    PollOption.objects.bulk_update(options.values(), ["vote_count"])
    poll.voter_count = Ballot.objects.filter(poll=poll).count()
    poll.save(update_fields=["voter_count"])
    announce_poll_voted(poll)
    return poll


def has_voted(*, poll: Poll, voter_id: str) -> bool:
    return bool(voter_id) and Ballot.objects.filter(poll=poll, voter_id=voter_id).exists()
