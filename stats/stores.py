"""Where readers' visits are kept: the database alone, or Redis with counts flushed to it.

Both stores count a visit when a reader is seen after ``STATS_VISIT_GAP_SECONDS`` without a page,
an article once per reader and visit, and refresh a reader's "seen" time at most once per
``STATS_SEEN_THROTTLE_SECONDS``. The database keeps every count; Redis only holds counts for a
few seconds until ``flush`` adds them to the database exactly once.
"""

import logging
import uuid
from datetime import date, timedelta
from functools import lru_cache

import redis
from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ArticleViews, DailyVisits, FlushedBatch, Reader

logger = logging.getLogger(__name__)

RETRIES = 5


def _gap():
    return timedelta(seconds=settings.STATS_VISIT_GAP_SECONDS)


def _throttle():
    return timedelta(seconds=settings.STATS_SEEN_THROTTLE_SECONDS)


def _count_visit(now, article_id):
    DailyVisits.add(timezone.localdate(now))
    if article_id is not None:
        ArticleViews.add(article_id)


def _article_ids_text(article_ids):
    return ",".join(str(pk) for pk in sorted(article_ids))


class CounterStore:
    """What both stores share: a per-process memo that spares most page views any round trip.

    The memo only says "this process handled this reader and article when their last-seen time
    was T". While T is less than a minute old the visit cannot have ended (that takes 30 minutes
    without a page) and the article is counted, so there is nothing to do. It is never the
    authority: a miss, or another process, asks the store.
    """

    def __init__(self):
        self.recent = LocMemCache("stats-recent-readers", {"OPTIONS": {"MAX_ENTRIES": 50_000}})

    def record(self, view, article_id, now):
        memo_key = f"{view.reader_key}|{article_id or ''}"
        last_seen = self.recent.get(memo_key)
        if last_seen is not None and now.timestamp() - last_seen < _throttle().total_seconds():
            return
        last_seen = self._record(view, article_id, now)
        if last_seen is not None:
            self.recent.set(memo_key, last_seen, settings.STATS_SEEN_THROTTLE_SECONDS)

    def forget_recent(self):
        self.recent.clear()


class DatabaseStore(CounterStore):
    """Counts straight in the database: right with any number of processes and servers.

    A visit costs one transaction (the reader's row and the day's ``visits = visits + 1``); a
    page view inside a visit costs nothing when this process saw the reader in the last minute,
    else one read and at most one throttled update. Rows change by compare-and-set updates, so
    two processes racing on one reader count it once.
    """

    def _record(self, view, article_id, now):
        for _attempt in range(RETRIES):
            reader = self._record_once(view, article_id, now)
            if reader is not None:
                return reader.last_seen_at.timestamp()
        logger.warning("Gave up counting a page view after %d conflicting updates", RETRIES)
        return None

    def _record_once(self, view, article_id, now):
        """One attempt; None when another request changed the reader's row first."""
        rows = {
            r.key: r for r in Reader.objects.filter(key__in={view.reader_key, view.fallback_key})
        }
        reader = rows.get(view.reader_key)
        fallback = rows.get(view.fallback_key)
        if reader is None and fallback is not None and now - fallback.last_seen_at < _gap():
            reader = self._take_over(view, fallback)
        if reader is None:
            reader = Reader(
                key=view.reader_key,
                visit_started_at=now,
                last_seen_at=now,
                article_ids=_article_ids_text({article_id} - {None}),
            )
            try:
                with transaction.atomic():
                    reader.save(force_insert=True)
                    _count_visit(now, article_id)
            except IntegrityError:
                return None
            return reader
        if now - reader.last_seen_at >= _gap():
            return self._start_visit(reader, article_id, now)
        if article_id is not None and article_id not in reader.counted_articles:
            return self._count_article(reader, article_id, now)
        if now - reader.last_seen_at >= _throttle():
            Reader.objects.filter(pk=reader.pk, last_seen_at=reader.last_seen_at).update(
                last_seen_at=now
            )
            reader.last_seen_at = now
        return reader

    def _take_over(self, view, fallback):
        """A reader's new cookie carries on the visit counted under their IP + user agent."""
        try:
            with transaction.atomic():
                Reader.objects.filter(pk=fallback.pk, key=fallback.key).update(key=view.reader_key)
        except IntegrityError:
            pass  # Another request of this reader already has a row: read it below.
        return Reader.objects.filter(key=view.reader_key).first()

    def _start_visit(self, reader, article_id, now):
        article_ids = _article_ids_text({article_id} - {None})
        with transaction.atomic():
            changed = Reader.objects.filter(pk=reader.pk, last_seen_at=reader.last_seen_at).update(
                visit_started_at=now, last_seen_at=now, article_ids=article_ids
            )
            if not changed:
                return None
            _count_visit(now, article_id)
        reader.visit_started_at = reader.last_seen_at = now
        reader.article_ids = article_ids
        return reader

    def _count_article(self, reader, article_id, now):
        article_ids = _article_ids_text(reader.counted_articles | {article_id})
        with transaction.atomic():
            changed = Reader.objects.filter(
                pk=reader.pk,
                visit_started_at=reader.visit_started_at,
                article_ids=reader.article_ids,
            ).update(article_ids=article_ids, last_seen_at=now)
            if not changed:
                return None
            ArticleViews.add(article_id)
        reader.article_ids = article_ids
        reader.last_seen_at = now
        return reader

    def online(self, now):
        window = timedelta(seconds=settings.STATS_ONLINE_SECONDS)
        return Reader.objects.filter(last_seen_at__gte=now - window).count()

    def flush(self):
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
return redis.call('HGET', reader, 'seen')
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
    from news.models import Article

    visits = {}
    views = {}
    for field, amount in counts.items():
        kind, _colon, name = field.partition(":")
        if kind == "visits":
            visits[date.fromisoformat(name)] = int(amount)
        elif kind == "article":
            views[int(name)] = int(amount)
    # Views of an article deleted meanwhile are dropped, or the batch would fail forever.
    existing = set(Article.objects.filter(pk__in=views).values_list("pk", flat=True))
    try:
        with transaction.atomic():
            FlushedBatch.objects.create(id=batch_id)
            for day, amount in visits.items():
                DailyVisits.add(day, amount)
            for article_id, amount in views.items():
                if article_id in existing:
                    ArticleViews.add(article_id, amount)
    except IntegrityError:
        # Either another flush added this batch first, or an article vanished mid-flush.
        return FlushedBatch.objects.filter(id=batch_id).exists()
    return True


class RedisStore(CounterStore):
    """Presence and counts in Redis (shared by every server), flushed to the database.

    A page view is one Redis script call, atomic across servers. Counts wait in one hash until a
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

    def _record(self, view, article_id, now):
        seen = self.record_script(
            keys=[
                self.key("reader", view.reader_key),
                self.key("reader", view.fallback_key),
                self.key("online"),
                self.key("pending"),
            ],
            args=[
                repr(now.timestamp()),
                settings.STATS_VISIT_GAP_SECONDS,
                settings.STATS_SEEN_THROTTLE_SECONDS,
                "" if article_id is None else article_id,
                timezone.localdate(now).isoformat(),
                view.reader_key,
                view.fallback_key,
            ],
        )
        return float(seen)

    def online(self, now):
        since = now.timestamp() - settings.STATS_ONLINE_SECONDS
        pipe = self.client.pipeline()
        pipe.zremrangebyscore(self.key("online"), "-inf", f"({since!r}")
        pipe.zcard(self.key("online"))
        return pipe.execute()[1]

    def flush(self):
        """Add every sealed batch, and what is pending now, to the database; return visits added."""
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


@lru_cache(maxsize=4)
def _redis_store(url, prefix):
    return RedisStore(url, prefix)


_database_store = DatabaseStore()


@lru_cache(maxsize=8)
def _is_redis_backend(path):
    # portal.cache.RedisCache (the project's) and Django's own both count.
    return issubclass(import_string(path), DjangoRedisCache)


def counter_store():
    """Redis when the default cache is Redis (settings.REDIS_URL), else the database."""
    config = settings.CACHES["default"]
    if _is_redis_backend(config["BACKEND"]):
        return _redis_store(config["LOCATION"], settings.STATS_REDIS_PREFIX)
    return _database_store
