"""The demo poll's votes: invented readers voting through the service, so the counts are real."""

from django.db import transaction

from ..models import Poll
from ..services import cast_ballot

DEMO_QUESTION = "Bạn thường theo dõi tin tức của thị xã qua kênh nào?"
# Each invented reader's choices, by option order (1-based), as a town might answer.
DEMO_BALLOTS = [
    (1,), (1, 3), (2,), (3,), (1, 2), (4,), (1,), (3, 4), (1, 3), (2, 4),
    (1,), (3,), (1, 2), (2,), (1, 4), (3,), (1,), (2, 3), (1,), (4,),
    (1, 3), (3,),
]  # fmt: skip


@transaction.atomic
def load_demo_votes() -> int:
    """Cast the demo ballots once (none if the poll has votes or is missing); returns how many."""
    poll = Poll.objects.filter(question=DEMO_QUESTION).first()
    if poll is None or poll.voter_count or not poll.is_open():
        return 0
    options = {option.order: option.pk for option in poll.options.all()}
    for number, chosen in enumerate(DEMO_BALLOTS):
        cast_ballot(
            poll=poll,
            voter_id=f"demo{number:028d}",
            # One invented reader per documentation address (RFC 5737), under the daily limit.
            ip=f"192.0.2.{number + 1}",
            option_ids=[options[order] for order in chosen],
        )
    return len(DEMO_BALLOTS)
