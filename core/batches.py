"""Holds what a process counts (page views, downloads) for a moment and writes it in batches."""

import atexit
import logging
import os
import threading

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

# Items kept for a retry while the store is unreachable; beyond that the oldest are dropped.
MAX_PENDING = 100_000


class BatchBuffer:
    """Items of this process, written in one batch per ``seconds_setting`` seconds by a thread.

    A request only appends to a list. Once per ``settings.<seconds_setting>`` seconds a thread of
    this process hands what piled up to ``write`` (one transaction, or one Redis round trip, for
    all of them) and then calls ``every_round`` (the store's housekeeping). At exit whatever is
    left is written, so a graceful stop or restart loses nothing; a process killed outright loses
    at most the last round of its own items. The stats app buffers page views with it
    (``STATS_BUFFER_SECONDS``), the documents app downloads.
    """

    def __init__(self, write, every_round=None, *, seconds_setting, name="batch-buffer"):
        self.write = write
        self.every_round = every_round
        self.seconds_setting = seconds_setting
        self.name = name
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
                    target=self._run, args=(self.stopping,), name=self.name, daemon=True
                )
                self.thread.start()

    def stop(self):
        """End the thread once it has written what is pending; the next item starts one."""
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

    @property
    def seconds(self):
        """How long items wait; 0 means the caller writes at once, in the request."""
        return getattr(settings, self.seconds_setting)

    def _run(self, stopping):
        # Runs until stopped, or until buffering is switched off (items are then written at
        # once, in the request).
        while self.seconds > 0 and not stopping.wait(self.seconds):
            try:
                self.drain()
                if self.every_round is not None:
                    self.every_round()
            except Exception:
                logger.exception("Could not write the %s batch; will try again", self.name)
                # The next round starts on a fresh connection, whatever broke this one.
                connections.close_all()
        with self.lock:
            if self.stopping is stopping:
                self.thread = None
        try:
            self.drain()
        finally:
            connections.close_all()
