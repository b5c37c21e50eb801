"""Per-process memory: a dict whose entries expire, and reads through it to the shared cache."""

import time

from django.conf import settings
from django.core.cache import cache


class Memo:
    """Cheaper than Django's LocMemCache (no pickling, no lock) for what only spares work.

    A miss, whether the entry expired or the memo was emptied, just means asking the database or
    Redis again, so emptying it when full is as good as culling and costs nothing per entry.
    """

    def __init__(self, max_entries):
        self.max_entries = max_entries
        self.entries = {}

    def get(self, key):
        entry = self.entries.get(key)
        if entry is None or entry[1] < time.monotonic():
            return None
        return entry[0]

    def set(self, key, value, seconds):
        if len(self.entries) >= self.max_entries:
            self.entries.clear()
        self.entries[key] = (value, time.monotonic() + seconds)

    def get_or_load(self, key, load, seconds):
        """The value remembered for ``key``, or ``load()``'s, remembered for ``seconds``."""
        value = self.get(key)
        if value is None:
            value = load()
            self.set(key, value, seconds)
        return value

    def clear(self):
        self.entries.clear()


def read_through(memo, key, load, shared_seconds):
    """``load()``'s value, kept in the shared cache for ``shared_seconds`` and in this process's
    ``memo`` for PAGE_CACHE_LOCAL_SECONDS: a change made through another process shows here
    after that long at most, as a cached page's does."""

    def shared():
        value = cache.get(key)
        if value is None:
            value = load()
            cache.set(key, value, shared_seconds)
        return value

    return memo.get_or_load(key, shared, settings.PAGE_CACHE_LOCAL_SECONDS)
