"""Django's PostgreSQL backend, with a connection check that sends nothing (see base.py)."""
