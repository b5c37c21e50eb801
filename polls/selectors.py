"""Reads the poll pages and the sidebar block need."""

from dataclasses import dataclass
from decimal import Decimal

from .models import Poll, PollOption, percent


@dataclass(frozen=True)
class OptionResult:
    option: PollOption
    count: int
    # Of the readers who voted (in a multiple-choice poll the shares add up to more than 100).
    share: Decimal

    @property
    def share_label(self):
        """The share as Vietnamese readers write it: "4,5 %" (a no-break space before %)."""
        return f"{self.share}".replace(".", ",") + "\u00a0%"


def poll_with_options(*, poll_id: int):
    poll = Poll.objects.filter(pk=poll_id).first()
    if poll is not None:
        poll.option_list = list(poll.options.all())
    return poll


def current_poll():
    """The open poll the sidebar shows, with its options, or None."""
    poll = Poll.objects.current()
    if poll is not None:
        poll.option_list = list(poll.options.all())
    return poll


def results(poll: Poll) -> list[OptionResult]:
    """Each option's count and share of the voters, in the poll's order."""
    options = getattr(poll, "option_list", None) or list(poll.options.all())
    return [
        OptionResult(
            option=option,
            count=option.vote_count,
            share=percent(option.vote_count, poll.voter_count),
        )
        for option in options
    ]
