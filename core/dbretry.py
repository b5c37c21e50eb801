"""A reader's page survives a database connection that dies under it: the view runs once more.

CONN_HEALTH_CHECKS (core.postgresql) replaces a connection the server ended while it was idle.
A connection ended while a request is using it (a restart, a failover, pg_terminate_backend in
the middle of a query) fails that request's next query instead. For a GET or HEAD that has sent
no statement that could write, running the view again on a new connection is safe, so the
reader gets the page rather than an error.
"""

import logging
import threading
from inspect import iscoroutinefunction

from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver

from .memo import remembered

logger = logging.getLogger(__name__)

RETRIED_METHODS = frozenset({"GET", "HEAD"})
# Statements that change nothing. EXECUTE runs a statement prepared by core.prepared, which
# prepares reads only. Anything else (INSERT, UPDATE, DELETE, WITH, ...) counts as a write.
READ_STATEMENTS = ("SELECT", "EXECUTE", "PREPARE", "SAVEPOINT", "RELEASE", "ROLLBACK", "SHOW")

# Per thread (a gunicorn worker's request): whether the view running now sent a write.
_view = threading.local()


def watch_writes(execute, sql, params, many, context):
    """An execute wrapper on every connection: notes a statement other than a read."""
    if not sql.lstrip()[:9].upper().startswith(READ_STATEMENTS):
        _view.wrote = True
    return execute(sql, params, many, context)


@receiver(connection_created)
def _install(connection, **kwargs):
    # Installed once per connection object, when it connects: a request then pays no lookup of
    # its connection (about 5 microseconds through Django's connection handler).
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


@remembered(maxsize=1024)
def _is_async(view):
    return iscoroutinefunction(view)


def connection_lost(db):
    """Whether the connection is gone, rather than a query having failed on it."""
    return db.connection is None or not db.is_usable()


class RetryOnLostConnectionMiddleware:
    """Runs a GET or HEAD view itself (from ``process_view``), and once more on a new
    connection if the database connection died under it before it wrote anything.

    Only the view is run again: what middleware did before it (session, CSRF) needs no query
    until the view asks, and the visit counter counts after it. A view inside a transaction
    (ATOMIC_REQUESTS, a test's) is never run again: the transaction is gone with the connection.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Connections opened before this module was loaded (tests) are watched too.
        for db in connections.all(initialized_only=True):
            _install(db)

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method not in RETRIED_METHODS or _is_async(view):
            return None
        _view.wrote = False
        try:
            return _response(view, request, args, kwargs)
        except (OperationalError, InterfaceError) as error:
            db = connections[DEFAULT_DB_ALIAS]
            if _view.wrote or db.in_atomic_block or not connection_lost(db):
                raise
            logger.warning(
                "The database connection was lost during the page (%s); trying once more", error
            )
        db.close()
        return _response(view, request, args, kwargs)


def _response(view, request, args, kwargs):
    response = view(request, *args, **kwargs)
    if response is None:
        raise ValueError(f"The view {view.__module__}.{view.__qualname__} returned None.")
    # A template response is rendered here, so that its queries are retried too.
    if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
        response.render()
    return response
