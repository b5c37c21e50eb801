"""Per-address limits that stay exact when many requests from one address block arrive at once."""

from django.db import connection

from .clientip import address_block


def one_writer_per_address_block(ip, *, lock):
    """Make writers from ``ip``'s address block wait for each other until their transaction
    commits; call it inside the transaction, before counting what the block sent.

    Then the count read after it is exact (20 comments posted at once used to store 6 against a
    limit of 5). On PostgreSQL an advisory lock on (``lock``, the block's hash), so other blocks
    and other kinds of writes (another ``lock``) never wait; SQLite runs every transaction as
    BEGIN IMMEDIATE (portal/settings.py), so its writers queue already.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [lock, address_block(ip)]
            )
