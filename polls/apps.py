"""Polls app: what its edits, its votes and its clock refresh."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "polls"
    verbose_name = _("Thăm dò ý kiến")

    def ready(self):
        from core.pagecache import refresh_on_signal, refresh_pages_at, refresh_pages_on

        from .blocks import forget_current_poll
        from .models import Poll, PollOption
        from .signals import forget_poll_page, poll_voted

        # The current poll is in the sidebar of every page.
        refresh_pages_on(Poll, PollOption, also=[forget_current_poll])
        # A poll opening or closing changes the sidebar and its results page.
        refresh_pages_at(Poll.objects.next_phase_change, "a poll's opening or closing time comes")
        # The sidebar shows no counts: a vote refreshes only the poll's results page.
        refresh_on_signal(poll_voted, forget_poll_page, "a vote in a poll")
