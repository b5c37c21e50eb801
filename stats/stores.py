"""Where readers' visits are kept: the database alone, or Redis with counts flushed to it.

Both stores count a visit when a reader is seen after ``STATS_VISIT_GAP_SECONDS`` without a page,
an article once per reader and visit, and refresh a reader's "seen" time at most once per
``STATS_SEEN_THROTTLE_SECONDS``. Each process hands them its page views in batches (see
``core.batches``). The database keeps every count; Redis only holds counts for a few seconds
until ``flush`` adds them to the database exactly once.

The rule is implemented twice (Python below, Lua for Redis) but stated once: the table of cases
in tests/stats/test_visit_rule.py, which both stores, buffered or not, must pass. Change the
rule there first.
"""

import logging
import time
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import redis
from django.conf import settings
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from core.batches import BatchBuffer
from core.cache import TIMEOUTS, UNREACHABLE, redis_outage
from core.memo import Memo
from news.models import Article

from .models import ArticleViews, DailyVisits, FlushedBatch, Reader

logger = logging.getLogger(__name__)

RETRIES = 5


def _gap():
    return timedelta(seconds=settings.STATS_VISIT_GAP_SECONDS)


def _throttle():
    return timedelta(seconds=settings.STATS_SEEN_THROTTLE_SECONDS)


# The last-seen time of a reader row a batch has only just created: never seen before.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)


def add_counts(visits, views):
    """Add visits per day and views per article to the database (inside the caller's transaction).

    Views of an article deleted meanwhile are dropped, or the counts could never be saved.
    """
    for day, amount in sorted(visits.items()):
        DailyVisits.add(day, amount)
    existing = set(Article.objects.filter(pk__in=views).values_list("pk", flat=True))
    for article_id, amount in sorted(views.items()):
        if article_id in existing:
            ArticleViews.add(article_id, amount)


def _article_ids_text(article_ids):
    return ",".join(str(pk) for pk in sorted(article_ids))


# The batch's two statements on readers, in plain SQL run once per reader: Django's bulk_create
# and bulk_update cost more to build than the whole batch costs the database.
_INSERT_NEW_READERS = (
    "INSERT INTO {table} ({key}, {visit_started_at}, {last_seen_at}, {article_ids}) "
    "VALUES (%s, %s, %s, '') ON CONFLICT ({key}) DO NOTHING"
)
_UPDATE_READER = (
    "UPDATE {table} SET {visit_started_at} = %s, {last_seen_at} = %s, {article_ids} = %s "
    "WHERE {key} = %s"
)


def _run_on_readers(template, rows):
    """Run ``template`` once per row of parameters, with the Reader table's quoted names."""
    ops = connection.ops
    columns = ("key", "visit_started_at", "last_seen_at", "article_ids")
    names = {name: ops.quote_name(Reader._meta.get_field(name).column) for name in columns}
    # Only names from the model's own metadata are put into the text; values are parameters.
    sql = template.format(table=ops.quote_name(Reader._meta.db_table), **names)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


class CounterStore:
    """What both stores share: a per-process memo and buffer in front of the real store.

    The memo only says "this process handled this reader and article at time T". While T is
    less than a minute old the visit cannot have ended (that takes 30 minutes without a page)
    and the article is counted, so there is nothing to do: most page views stop here. The rest
    of the readers' pages wait in the buffer and reach the store in one batch per
    ``STATS_BUFFER_SECONDS`` (or at once when that is 0). The store, not the memo, decides what
    counts.
    """

    def __init__(self):
        self.recent = Memo(max_entries=50_000)
        self.buffer = BatchBuffer(
            self.write_batch,
            self._tick,
            seconds_setting="STATS_BUFFER_SECONDS",
            name="stats-buffer",
        )
        self.next_housekeeping = time.monotonic() + settings.STATS_FLUSH_SECONDS

    def record(self, view, article_id, now):
        memo_key = f"{view.reader_key}|{article_id or ''}"
        last_seen = self.recent.get(memo_key)
        if last_seen is not None and now.timestamp() - last_seen < _throttle().total_seconds():
            return
        item = (view.reader_key, view.fallback_key, article_id, now)
        # A page without our cookie is written at once: the reader's next page, with the cookie
        # it was just given, carries that visit on only if the store already holds it, and
        # another process may serve that page before this one's buffer is written.
        if settings.STATS_BUFFER_SECONDS > 0 and view.new_cookie is None:
            self.buffer.add(item)
        else:
            self.write_batch([item])
            self.housekeep_if_due(now)
        self.recent.set(memo_key, now.timestamp(), settings.STATS_SEEN_THROTTLE_SECONDS)

    def write_batch(self, items):
        """Count ``(reader key, fallback key, article id or None, time)`` page views, in order."""
        raise NotImplementedError

    def _tick(self):
        self.housekeep_if_due(timezone.now())

    def housekeep_if_due(self, now):
        """Housekeep at most once per ``STATS_FLUSH_SECONDS`` in this process."""
        if time.monotonic() < self.next_housekeeping:
            return
        self.next_housekeeping = time.monotonic() + settings.STATS_FLUSH_SECONDS
        self.housekeep(now)

    def drain(self):
        """Write what this process buffered (tests, commands, process exit)."""
        self.buffer.drain()

    def forget_recent(self):
        self.recent.clear()
        self.next_housekeeping = time.monotonic() + settings.STATS_FLUSH_SECONDS


class DatabaseStore(CounterStore):
    """Counts in the database: right with any number of processes and servers.

    A batch is one transaction, whatever its size: rows for new readers, the batch's readers
    read (and locked on PostgreSQL; SQLite lets one writer at a time), their visits decided in
    Python, then one update of the readers, one of each day's visits and one per article.
    """

    def write_batch(self, items):
        for attempt in range(RETRIES):
            try:
                with transaction.atomic():
                    self._write_batch_once(items)
                return
            except OperationalError:
                # A deadlock between two servers' batches, or SQLite busy for too long.
                if attempt == RETRIES - 1:
                    raise
                logger.warning("Counting a batch of page views met a conflict; trying again")

    def _write_batch_once(self, items):
        reader_keys = sorted({reader_key for reader_key, _f, _a, _t in items})
        fallback_keys = {fallback_key for _r, fallback_key, _a, _t in items} - set(reader_keys)
        # Sorted, so that two servers' batches take their row locks in the same order.
        never = connection.ops.adapt_datetimefield_value(NEVER)
        _run_on_readers(_INSERT_NEW_READERS, [(key, never, never) for key in reader_keys])
        rows = {
            reader.key: reader
            for reader in Reader.objects.select_for_update()
            .filter(key__in=[*reader_keys, *fallback_keys])
            .order_by("key")
        }
        visits, views = Counter(), Counter()
        changed, taken_over = set(), set()
        for reader_key, fallback_key, article_id, now in items:
            reader = rows[reader_key]
            taken_over.discard(reader_key)
            fallback = rows.get(fallback_key, reader)
            if reader.last_seen_at == NEVER and now - fallback.last_seen_at < _gap():
                # A reader's new cookie carries on the visit counted under IP + user agent.
                reader.visit_started_at = fallback.visit_started_at
                reader.last_seen_at = fallback.last_seen_at
                reader.article_ids = fallback.article_ids
                # Taken over means gone, as if renamed: not for another cookie, and a page
                # under this address and browser after it starts a new visit.
                fallback.visit_started_at = fallback.last_seen_at = NEVER
                fallback.article_ids = ""
                taken_over.add(fallback_key)
                # Written even when nothing else about this page is: the fallback row is
                # deleted below, so a visit taken over but not saved would be lost.
                changed.add(reader_key)
            if now - reader.last_seen_at >= _gap():
                reader.visit_started_at = reader.last_seen_at = now
                reader.article_ids = ""
                visits[timezone.localdate(now)] += 1
                changed.add(reader_key)
            if article_id is not None and article_id not in reader.counted_articles:
                reader.article_ids = _article_ids_text(reader.counted_articles | {article_id})
                reader.last_seen_at = max(reader.last_seen_at, now)
                views[article_id] += 1
                changed.add(reader_key)
            elif now - reader.last_seen_at >= _throttle():
                reader.last_seen_at = now
                changed.add(reader_key)
        adapt = connection.ops.adapt_datetimefield_value
        changed_rows = [rows[key] for key in sorted(changed)]
        _run_on_readers(
            _UPDATE_READER,
            [
                (adapt(r.visit_started_at), adapt(r.last_seen_at), r.article_ids, r.key)
                for r in changed_rows
            ],
        )
        if taken_over:
            Reader.objects.filter(key__in=taken_over).delete()
        add_counts(visits, views)

    def online(self, now):
        window = timedelta(seconds=settings.STATS_ONLINE_SECONDS)
        return Reader.objects.filter(last_seen_at__gte=now - window).count()

    def flush(self):
        self.drain()
        return 0

    def housekeep(self, now):
        """Forget readers whose visit is over; their next page starts a new visit anyway."""
        deleted, _by_model = Reader.objects.filter(last_seen_at__lt=now - _gap()).delete()
        return deleted


# KEYS: reader, fallback reader, online set, pending counts.
# ARGV: now, visit gap, seen throttle, article id or "", day, reader id, fallback reader id.
RECORD_SCRIPT = """
local reader, fallback, online, pending = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local now, gap, throttle = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local article, day = ARGV[4], ARGV[5]
local touched = false
if reader ~= fallback and redis.call('EXISTS', reader) == 0
    and redis.call('EXISTS', fallback) == 1 then
  redis.call('RENAME', fallback, reader)
  redis.call('ZREM', online, ARGV[7])
  touched = true
end
local seen = redis.call('HGET', reader, 'seen')
seen = seen and tonumber(seen)
if not seen or now - seen >= gap then
  redis.call('DEL', reader)
  redis.call('HINCRBY', pending, 'visits:' .. day, 1)
  touched = true
elseif now - seen >= throttle then
  touched = true
end
if touched then
  redis.call('HSET', reader, 'seen', ARGV[1])
  redis.call('EXPIRE', reader, gap)
  redis.call('ZADD', online, now, ARGV[6])
end
if article ~= '' and redis.call('HSETNX', reader, 'article:' .. article, 1) == 1 then
  redis.call('HINCRBY', pending, 'article:' .. article, 1)
end
"""

# KEYS: pending counts, set of batch ids, the new batch. ARGV: the new batch id.
SEAL_BATCH_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('RENAME', KEYS[1], KEYS[3])
  redis.call('SADD', KEYS[2], ARGV[1])
end
"""


def apply_batch(batch_id, counts):
    """Add one batch of cached counts to the database; False if it must be tried again later."""
    visits = {}
    views = {}
    for field, amount in counts.items():
        kind, _colon, name = field.partition(":")
        if kind == "visits":
            visits[date.fromisoformat(name)] = int(amount)
        elif kind == "article":
            views[int(name)] = int(amount)
    try:
        with transaction.atomic():
            FlushedBatch.objects.create(id=batch_id)
            add_counts(visits, views)
    except IntegrityError:
        # Either another flush added this batch first, or an article vanished mid-flush.
        return FlushedBatch.objects.filter(id=batch_id).exists()
    return True


class RedisStore(CounterStore):
    """Presence and counts in Redis (shared by every server), flushed to the database.

    A page view is one Redis script call, atomic across servers; a batch sends them all in one
    round trip. Counts wait in one hash until a
    flush renames it to a sealed batch, adds the batch to the database in a transaction that also
    records the batch id, and only then deletes it: a crash at any point loses nothing already
    sealed and never adds a batch twice.
    """

    def __init__(self, url, prefix):
        super().__init__()
        self.client = redis.Redis.from_url(url)
        self.prefix = prefix
        self.record_script = self.client.register_script(RECORD_SCRIPT)
        self.seal_script = self.client.register_script(SEAL_BATCH_SCRIPT)

    def key(self, *parts):
        return self.prefix + ":".join(parts)

    def write_batch(self, items):
        """One script call per page view, all sent in one round trip."""
        pipe = self.client.pipeline(transaction=False)
        for reader_key, fallback_key, article_id, now in items:
            self.record_script(
                keys=[
                    self.key("reader", reader_key),
                    self.key("reader", fallback_key),
                    self.key("online"),
                    self.key("pending"),
                ],
                args=[
                    repr(now.timestamp()),
                    settings.STATS_VISIT_GAP_SECONDS,
                    settings.STATS_SEEN_THROTTLE_SECONDS,
                    "" if article_id is None else article_id,
                    timezone.localdate(now).isoformat(),
                    reader_key,
                    fallback_key,
                ],
                client=pipe,
            )
        pipe.execute()

    def online(self, now):
        since = now.timestamp() - settings.STATS_ONLINE_SECONDS
        pipe = self.client.pipeline()
        pipe.zremrangebyscore(self.key("online"), "-inf", f"({since!r}")
        pipe.zcard(self.key("online"))
        return pipe.execute()[1]

    def flush(self):
        """Add every sealed batch, and what is pending now, to the database; return visits added."""
        self.drain()
        batch_id = uuid.uuid4().hex
        self.seal_script(
            keys=[self.key("pending"), self.key("batches"), self.key("batch", batch_id)],
            args=[batch_id],
        )
        visits = 0
        for raw_id in self.client.smembers(self.key("batches")):
            sealed_id = raw_id.decode()
            counts = {
                field.decode(): int(amount)
                for field, amount in self.client.hgetall(self.key("batch", sealed_id)).items()
            }
            if not apply_batch(sealed_id, counts):
                logger.warning("Batch %s of counts could not be saved; kept for later", sealed_id)
                continue
            pipe = self.client.pipeline()
            pipe.delete(self.key("batch", sealed_id))
            pipe.srem(self.key("batches"), sealed_id)
            pipe.execute()
            visits += sum(n for field, n in counts.items() if field.startswith("visits:"))
        return visits

    def housekeep(self, now):
        # One flush every STATS_FLUSH_SECONDS across all servers, whichever request comes first.
        if self.client.set(self.key("flush-due"), 1, nx=True, ex=settings.STATS_FLUSH_SECONDS):
            self.flush()
        return 0


_database_store = DatabaseStore()


class FailoverRedisStore(RedisStore):
    """The Redis store, counting in the database while Redis is unreachable.

    It shares ``core.cache``'s view of the server: the outage is noticed and logged once, and
    while it lasts page views cost no round trip to Redis. Counts Redis held and had not flushed
    are flushed when it returns, unless it lost them (at most ``STATS_FLUSH_SECONDS`` of counts,
    as after any Redis crash). A reader whose visit spans the start or end of the outage is
    counted once by each store: at most one visit too many per reader and outage.
    """

    def __init__(self, url, prefix):
        super().__init__(_with_short_timeouts(url), prefix)
        self.outage = redis_outage(url)
        self.fallback = _database_store
        self.fell_back_at = None

    def _redis_or_database(self, name, *args):
        if self.outage.should_try():
            try:
                return getattr(super(), name)(*args)
            except UNREACHABLE as error:
                self.outage.failed(error)
        self.fell_back_at = time.monotonic()
        return getattr(self.fallback, name)(*args)

    def write_batch(self, items):
        return self._redis_or_database("write_batch", items)

    def online(self, now):
        return self._redis_or_database("online", now)

    def flush(self):
        # Buffered page views go to the database through write_batch if Redis fails meanwhile.
        return self._redis_or_database("flush")

    def housekeep(self, now):
        done = self._redis_or_database("housekeep", now)
        # The readers the database kept during an outage go once their visits are over.
        since = self.fell_back_at
        if since is not None and time.monotonic() - since > settings.STATS_VISIT_GAP_SECONDS:
            self.fell_back_at = None
            done += self.fallback.housekeep(now)
        return done


def _with_short_timeouts(url):
    """``url`` with core.cache's socket timeouts, unless it sets its own."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    return urlunsplit(parts._replace(query=urlencode({**TIMEOUTS, **query})))


@lru_cache(maxsize=4)
def _redis_store(url, prefix):
    return FailoverRedisStore(url, prefix)


@lru_cache(maxsize=8)
def _is_redis_backend(path):
    # core.cache.RedisCache (the project's) and Django's own both count.
    return issubclass(import_string(path), DjangoRedisCache)


def counter_store():
    """Redis when the default cache is Redis (settings.REDIS_URL), else the database."""
    config = settings.CACHES["default"]
    if _is_redis_backend(config["BACKEND"]):
        return _redis_store(config["LOCATION"], settings.STATS_REDIS_PREFIX)
    return _database_store
