"""Django's PostgreSQL backend, with a connection check that costs no round trip and statements
the server prepares once per connection for core.prepared."""

import itertools
import re
import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        # A new session starts without prepared statements.
        self.prepared_statements = set()
        return super().get_new_connection(conn_params)

    def is_usable(self):
        """Whether the server still holds this connection, told without sending a query.

        CONN_HEALTH_CHECKS asks this before each request's first query, so that a database
        restart costs no reader an error page. Django's own check sends ``SELECT 1``: a round
        trip that was an eighth of an uncached article page. Between requests a connection has
        nothing to read unless the server ended it (a restart, a failover, an administrator's
        pg_terminate_backend), so a readable socket means: connect again. A server that
        vanished without closing its side is not seen here, nor by ``SELECT 1`` in time.
        """
        if self.connection is None or self.connection.closed:
            return False
        # poll() rather than select(): no limit on the descriptor's number.
        waiting = select.poll()
        waiting.register(self.connection.fileno(), select.POLLIN)
        return not waiting.poll(0)

    def fetch_prepared(self, name, sql, params):
        """All rows of ``sql`` for ``params``, through a statement this session prepared.

        The server parses and plans a statement sent as text every time: half of what the
        article page's two queries cost it. ``PREPARE`` does that once per connection. A
        connection pooler that shares server sessions between transactions (PgBouncer's
        transaction mode) loses them: set ``PREPARED_STATEMENTS`` off for it.
        """
        with self.cursor() as cursor:
            if not self.settings_dict.get("PREPARED_STATEMENTS", True):
                cursor.execute(sql, params)
                return cursor.fetchall()
            if name not in self.prepared_statements:
                # Without parameters psycopg sends the text as it is: no %-interpolation.
                cursor.execute(f"PREPARE {name} AS {numbered_placeholders(sql)}")
                self.prepared_statements.add(name)
            placeholders = ", ".join(["%s"] * len(params))
            cursor.execute(
                f"EXECUTE {name} ({placeholders})" if params else f"EXECUTE {name}", params
            )
            return cursor.fetchall()


def numbered_placeholders(sql):
    """psycopg's ``%s`` placeholders as PostgreSQL's ``$1``, ``$2``… (``%%`` is a literal ``%``)."""
    numbers = itertools.count(1)
    parts = sql.split("%%")
    return "%".join(re.sub("%s", lambda _: f"${next(numbers)}", part) for part in parts)
