"""Django's Redis cache backend: one redis client per connection pool, and a Redis outage that
costs readers nothing but the cache.

While Redis is unreachable every cache call answers as a miss (``get`` its default, ``set`` does
nothing), so pages render uncached from the database. The first failed call marks the server
down in this process and logs it once; for ``RETRY_SECONDS`` after that no call touches the
network, so an outage costs a request no connect timeout. Then one call tries again (a PING);
when Redis answers, what this process could not delete while it was down is deleted, it is
logged once more, and calls go to Redis again. ``stats.stores`` reads the same state to count
in the database meanwhile, and ``/healthz`` reports it.
"""

import logging
import time

import redis
from django.core.cache.backends import redis as django_redis

logger = logging.getLogger(__name__)

# What "Redis is unreachable now" looks like: refused or reset connections, a server still
# loading its data, a connect or read that timed out. Anything else (a full Redis refusing
# writes, a bad command) is a real error and is raised.
UNREACHABLE = (redis.ConnectionError, redis.TimeoutError)

# How long a process leaves Redis alone after a failed call before trying again.
RETRY_SECONDS = 2.0
# Short timeouts, so that a Redis host gone silent (no refusal, nothing) costs one request per
# RETRY_SECONDS at most this long, not redis-py's 5 seconds. A URL's own ``socket_timeout`` and
# ``socket_connect_timeout`` query arguments take precedence.
TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 1.0}
# Keys whose deletion (or version bump) a process remembers while Redis is down; beyond that the
# oldest are forgotten, with a warning.
MAX_MISSED = 10_000


class Outage:
    """One Redis server as this process sees it: up, or down since a moment and tried again
    every ``RETRY_SECONDS``.

    It also remembers the keys this process meant to delete or change for good (a page
    version) while the server was down: left as they were, they would bring back stale pages
    or menus when it returns, so they are deleted first. A key set with an expiry only missed
    being filled in, which costs nothing.
    """

    def __init__(self, url):
        self.url = url
        self.down_since = None
        self.retry_at = 0.0
        self.missed = {}

    @property
    def is_down(self):
        return self.down_since is not None

    def should_try(self):
        """Whether to talk to the server now: it is up, or it is time to try it again."""
        return self.down_since is None or time.monotonic() >= self.retry_at

    def failed(self, error):
        now = time.monotonic()
        self.retry_at = now + RETRY_SECONDS
        if self.down_since is None:
            self.down_since = now
            logger.error(
                "Redis at %s is unreachable (%s): pages are served without the shared cache "
                "and counted in the database until it is back; trying it every %s s",
                _without_password(self.url),
                error,
                RETRY_SECONDS,
            )

    def recovered(self):
        if self.down_since is not None:
            logger.warning(
                "Redis at %s is reachable again after %.0f s",
                _without_password(self.url),
                time.monotonic() - self.down_since,
            )
            self.down_since = None
            self.missed.clear()

    def miss(self, keys):
        for key in keys:
            self.missed[key] = None
        if len(self.missed) > MAX_MISSED:
            logger.warning("More than %s cache keys changed while Redis was down", MAX_MISSED)
            for key in list(self.missed)[: len(self.missed) - MAX_MISSED]:
                del self.missed[key]


# Not a cache: the state of each Redis server as this process saw it, shared by the cache
# backend and the counters (stats.stores), so that one outage is noticed and logged once.
_outages = {}


def redis_outage(url):
    """This process's ``Outage`` for the Redis server at ``url``."""
    outage = _outages.get(url)
    if outage is None:
        outage = _outages[url] = Outage(url)
    return outage


def _without_password(url):
    scheme, _slashes, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    return f"{scheme}://{'***@' if at else ''}{host}" if credentials else url


class PooledRedisCacheClient(django_redis.RedisCacheClient):
    """Django makes a new ``redis.Redis`` for every cache call, and redis-py builds some 170
    response callbacks in each (about 0.15 ms): four times on every cached page. A client only
    wraps its pool and is thread-safe, so one per pool serves every call.

    Each call goes through ``_guard``: while the server is down it answers as a miss.
    """

    def __init__(self, servers, **options):
        super().__init__(servers, **{**TIMEOUTS, **options})
        self._clients = {}
        self.outage = redis_outage(self._servers[0])

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _guard(self, call, args, default, missed=()):
        if self.outage.is_down and not self.is_back():
            self.outage.miss(missed)
            return default
        try:
            return call(*args)
        except UNREACHABLE as error:
            self._lost(error)
            self.outage.miss(missed)
            return default

    def _lost(self, error):
        self.outage.failed(error)
        # Sockets to a server that went away are of no use when it returns.
        for pool in self._pools.values():
            pool.disconnect()

    def is_back(self, *, now=False):
        """Whether the server answers again (asked at most once per ``RETRY_SECONDS``, or at
        once with ``now``); if so, the keys missed meanwhile are deleted first."""
        if not (now or self.outage.should_try()):
            return False
        try:
            client = self.get_client(write=True)
            client.ping()
            if self.outage.missed:
                client.delete(*self.outage.missed)
        except UNREACHABLE as error:
            self._lost(error)
            return False
        self.outage.recovered()
        return True

    def get(self, key, default):
        return self._guard(super().get, (key, default), default)

    def get_many(self, keys):
        return self._guard(super().get_many, (keys,), {})

    def has_key(self, key):
        return self._guard(super().has_key, (key,), False)

    def add(self, key, value, timeout):
        return self._guard(super().add, (key, value, timeout), False)

    def set(self, key, value, timeout):
        missed = (key,) if timeout is None else ()
        return self._guard(super().set, (key, value, timeout), None, missed)

    def set_many(self, data, timeout):
        missed = tuple(data) if timeout is None else ()
        return self._guard(super().set_many, (data, timeout), None, missed)

    def touch(self, key, timeout):
        return self._guard(super().touch, (key, timeout), False)

    def incr(self, key, delta):
        counted = self._guard(super().incr, (key, delta), None)
        if counted is None:
            # While Redis is down the key is as good as missing: Django's caches say so this way.
            raise ValueError(f"Key '{key}' not found.")
        return counted

    def delete(self, key):
        return self._guard(super().delete, (key,), False, (key,))

    def delete_many(self, keys):
        return self._guard(super().delete_many, (keys,), None, tuple(keys))

    def clear(self):
        return self._guard(super().clear, (), False)


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient

    def is_reachable(self):
        """Whether Redis answers a PING now (for /healthz); a yes ends this process's outage."""
        client = self._cache
        if not client.outage.is_down:
            try:
                client.get_client(write=True).ping()
                return True
            except UNREACHABLE as error:
                client._lost(error)
                return False
        return client.is_back(now=True)
