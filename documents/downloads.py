"""Counts each file's downloads per process and adds them to the database in batches."""

from collections import Counter

from django.db import transaction
from django.db.models import F

from core.batches import BatchBuffer

from .models import DocumentFile


def add_downloads(file_ids):
    """Add one download per id in ``file_ids`` to the files' counts: one UPDATE per file, in one
    transaction, however many times each was downloaded."""
    with transaction.atomic():
        for file_id, count in sorted(Counter(file_ids).items()):
            DocumentFile.objects.filter(pk=file_id).update(
                download_count=F("download_count") + count
            )


# Downloads wait as page views do (STATS_BUFFER_SECONDS; 0 writes each one at once).
buffer = BatchBuffer(add_downloads, seconds_setting="STATS_BUFFER_SECONDS", name="download-buffer")


def count_download(file_id: int) -> None:
    """Count one download of the file ``file_id``, without a database write per download."""
    if buffer.seconds > 0:
        buffer.add(file_id)
    else:
        add_downloads([file_id])


def write_pending() -> None:
    """Write the downloads this process holds (tests, commands, process exit)."""
    buffer.drain()
