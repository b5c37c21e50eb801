"""Work started at the same instant in many threads, each on its own database connection."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections, connection


def run_at_once(count, work):
    """Run ``work(number)`` in ``count`` threads released together, each on its own connection."""
    barrier = threading.Barrier(count)

    def task(number):
        barrier.wait()
        try:
            return work(number)
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(task, range(count)))
