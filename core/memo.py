"""Per-process memory: the one mechanism a process uses to keep what spares it work.

Every ``Memo`` and every ``remembered`` function is registered here, so that ``forget_all()``
empties them all in one call (tests, a changed setting). What a process keeps is never the
truth: a miss only means asking the database, Redis or the function again.
"""

import pickle
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver

# Everything this process keeps: objects with a ``clear()`` method.
_registry = []


class Memo:
    """A dict whose entries expire; cheaper than Django's LocMemCache (no pickling, no lock).

    Emptying it when full is as good as culling and costs nothing per entry. With
    ``copies=True`` values are pickled, and each ``get`` returns a copy of its own (a cached
    response that the caller adds headers to).
    """

    def __init__(self, max_entries, *, copies=False):
        self.max_entries = max_entries
        self.copies = copies
        self.entries = {}
        _registry.append(self)

    def get(self, key):
        entry = self.entries.get(key)
        if entry is None or entry[1] < time.monotonic():
            return None
        # Only this process's own values are unpickled.
        return pickle.loads(entry[0]) if self.copies else entry[0]  # noqa: S301  # nosec B301

    def set(self, key, value, seconds):
        if len(self.entries) >= self.max_entries:
            self.entries.clear()
        stored = pickle.dumps(value, pickle.HIGHEST_PROTOCOL) if self.copies else value
        self.entries[key] = (stored, time.monotonic() + seconds)

    def get_or_load(self, key, load, seconds):
        """The value remembered for ``key``, or ``load()``'s, remembered for ``seconds``."""
        value = self.get(key)
        if value is None:
            value = load()
            self.set(key, value, seconds)
        return value

    def clear(self):
        self.entries.clear()


class _Remembered:
    """A registered ``functools.lru_cache``: ``clear()`` empties it."""

    def __init__(self, cached):
        self.cached = cached

    def clear(self):
        self.cached.cache_clear()


def remembered(maxsize):
    """``functools.lru_cache(maxsize)``, registered: for a function of its arguments alone
    (parsing an address, reversing a URL), whose answer only a changed setting can change."""

    def decorator(function):
        cached = lru_cache(maxsize=maxsize)(function)
        _registry.append(_Remembered(cached))
        return cached

    return decorator


def forget_all():
    """Empty everything this process keeps."""
    for kept in _registry:
        kept.clear()


@receiver(setting_changed)
def _forget_after_a_setting_changed(**kwargs):
    # URLs, static names, formats, limits: any setting may be behind something kept.
    forget_all()


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
