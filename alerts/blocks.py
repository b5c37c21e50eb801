"""The urgent-alert banner at the top of every public page, as the templates call it:
``{{ alert_banner() }}``.

It is never baked into a cached page: the page holds a placeholder that every serve fills
(``core.pagecache.serve_time``) from the alerts not yet ended, read from this process's memo.
Each serve compares their start and end times with the clock, so an alert appears at its start
and disappears at its end with no edit and no page refreshed. An edit made here shows at once;
one made through another server shows there within ``PAGE_CACHE_LOCAL_SECONDS``.
alerts/apps.py registers the filler and what forgets the memo.
"""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from core.memo import Memo, read_through
from core.pagecache import serve_time
from core.rendering import render_html

from .models import Alert

BANNER = "alerts"
# Named after what it holds: a release that changes its shape changes the name.
ALERTS_CACHE_KEY = "alerts:not-ended:v1"
# A save or delete forgets the shared copy at once; this only bounds how long a copy read just
# before an edit was committed, and stored just after, can hide the edit.
ALERTS_CACHE_SECONDS = 60
_recent_alerts = Memo(max_entries=1)
# The banner for each set of alerts shown lately: rendering it on every serve cost ~0.1 ms.
_recent_banners = Memo(max_entries=16)


def alert_banner():
    """The alerts shown now, the same for every reader; nothing when there are none."""
    return serve_time(BANNER)


def load_alerts():
    """Every alert not ended yet, most urgent first: (starts_at, ends_at, its HTML).

    Those still to come are in: the list is kept a while, and each one must show the moment
    it starts. Each is rendered once here, not on every serve.
    """
    alerts = Alert.objects.not_ended(now=timezone.now()).most_urgent_first()
    return [
        (alert.starts_at, alert.ends_at, render_html("alerts/_alert.html", {"alert": alert}))
        for alert in alerts
    ]


def render_alert_banner(_argument="", *, now=None):
    """The banner as it stands at ``now`` (this moment unless given), for ``serve_time``."""
    now = now or timezone.now()
    kept = read_through(_recent_alerts, ALERTS_CACHE_KEY, load_alerts, ALERTS_CACHE_SECONDS)
    shown = tuple(html for starts_at, ends_at, html in kept if starts_at <= now < ends_at)
    if not shown:
        return ""
    return _recent_banners.get_or_load(
        shown, lambda: render_html("alerts/_banner.html", {"alerts": shown}), ALERTS_CACHE_SECONDS
    )


def _forget():
    cache.delete(ALERTS_CACHE_KEY)
    _recent_alerts.clear()
    _recent_banners.clear()


def forget_alerts(using=None, **kwargs):
    """Receiver of an alert's save or delete: read the alerts again, now and once committed
    (a reader in between may have kept the rows as they were before the edit)."""
    _forget()
    transaction.on_commit(_forget, using=using)
