"""The current poll in the sidebar of every page: ``{{ current_poll() }}`` in the templates."""

from core.rendering import render_html

from .selectors import current_poll as open_poll


def current_poll():
    """The question and its options as a form, the same for every reader (no token, no state):
    whether this reader voted is fetched by polls.js from the poll's state view."""
    poll = open_poll()
    if poll is None:
        return ""
    return render_html("polls/_sidebar_poll.html", {"poll": poll})
