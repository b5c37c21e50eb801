"""The current poll in the sidebar of every page: ``{{ current_poll() }}`` in the templates."""

import time

from django.core.cache import cache

from core.memo import Memo, read_through
from core.rendering import render_html

from .models import Poll
from .selectors import current_poll as open_poll

# Named after what it holds: a release that changes its shape changes the name.
POLL_BLOCK_CACHE_KEY = "polls:current:html"
POLL_BLOCK_CACHE_SECONDS = 60 * 60
_recent_block = Memo(max_entries=1)


def load_block():
    """(the block's HTML, the moment it goes stale by itself: the next opening or closing)."""
    poll = open_poll()
    html = render_html("polls/_sidebar_poll.html", {"poll": poll}) if poll else ""
    change = Poll.objects.next_phase_change()
    return html, change.timestamp() if change else float("inf")


def current_poll():
    """The question and its options as a form, the same for every reader (no token, no state):
    whether this reader voted is fetched by polls.js from the poll's state view.

    Kept like the sidebar (no query on a page render), until an edit or the next opening or
    closing time."""
    html, stale_at = read_through(
        _recent_block, POLL_BLOCK_CACHE_KEY, load_block, POLL_BLOCK_CACHE_SECONDS
    )
    if time.time() >= stale_at:
        forget_current_poll()
        html, _stale_at = read_through(
            _recent_block, POLL_BLOCK_CACHE_KEY, load_block, POLL_BLOCK_CACHE_SECONDS
        )
    return html


def forget_current_poll(**kwargs):
    cache.delete(POLL_BLOCK_CACHE_KEY)
    _recent_block.clear()
