"""Holds a process's page views for a moment and writes them to the counter store in batches."""

import atexit
import logging
import os
import threading

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

# Page views kept for a retry while the store is unreachable; beyond that the oldest are dropped.
MAX_PENDING = 100_000


class PageViewBuffer:
    """Page views of this process, written in one batch per ``STATS_BUFFER_SECONDS`` by a thread.

    A request only appends to a list. Once per ``STATS_BUFFER_SECONDS`` a thread of this process
    hands what piled up to ``write`` (one transaction, or one Redis round trip, for all of them)
    and then calls ``every_round`` (the store's housekeeping). At exit whatever is left is
    written, so a graceful stop or restart loses nothing; a process killed outright loses at
    most the last ``STATS_BUFFER_SECONDS`` of its own page views.
    """

    def __init__(self, write, every_round=None):
        self.write = write
        self.every_round = every_round
        self._reset()
        # atexit runs the last registered first: stop the thread, then write what is left.
        atexit.register(self.drain)
        atexit.register(self.stop)
        # A forked child (gunicorn --preload) starts empty, with its own lock and thread.
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self):
        self.lock = threading.Lock()
        self.pending = []
        self.thread = None
        self.stopping = None

    def add(self, item):
        with self.lock:
            self.pending.append(item)
            if self.thread is None:
                self.stopping = threading.Event()
                self.thread = threading.Thread(
                    target=self._run, args=(self.stopping,), name="stats-buffer", daemon=True
                )
                self.thread.start()

    def stop(self):
        """End the thread once it has written what is pending; the next page view starts one."""
        with self.lock:
            thread, self.thread = self.thread, None
            if thread is not None:
                self.stopping.set()
        if thread is not None:
            thread.join()

    def drain(self):
        """Write everything buffered now; on failure keep it for the next round."""
        with self.lock:
            items, self.pending = self.pending, []
        if not items:
            return
        try:
            self.write(items)
        except Exception:
            with self.lock:
                self.pending[:0] = items
                del self.pending[:-MAX_PENDING]
            raise

    def _run(self, stopping):
        # Runs until stopped, or until buffering is switched off (page views are then written
        # at once, in the request).
        while settings.STATS_BUFFER_SECONDS > 0 and not stopping.wait(
            settings.STATS_BUFFER_SECONDS
        ):
            try:
                self.drain()
                if self.every_round is not None:
                    self.every_round()
            except Exception:
                logger.exception("Could not write buffered page views; will try again")
                # The next round starts on a fresh connection, whatever broke this one.
                connections.close_all()
        with self.lock:
            if self.stopping is stopping:
                self.thread = None
        try:
            self.drain()
        finally:
            connections.close_all()
