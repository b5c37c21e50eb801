"""Substring search over folded text columns, answered from a trigram index on each database.

A model keeps what readers search folded (``core.text.fold``: no accents, lower case) in
columns of its own, so "phi cho" finds "phí chợ" with a plain ``LIKE '%phi%'``. PostgreSQL
answers that from a pg_trgm GIN index on each column; SQLite from an FTS5 trigram table over
them (``sqlite_trigram_table``), kept in step by triggers.

A search is one or more ``Match``es, any of which finds a row: "this column holds every one of
these words". News asks one (its text); documents two (the text, or the number without spaces).
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Q, QuerySet, Subquery, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat

from .text import fold

SEARCH_MAX_TERMS = 8
TRIGRAM = 3
# A search for the newest matches reads this many newest rows before it asks the index, and
# at most WIDEST_WINDOW when the first window's matches are dense but too few.
NEWEST_WINDOW = 1000
WIDEST_WINDOW = 4000


def search_terms(query: str) -> list[str]:
    """The words of a reader's query, folded (no accents, lower case), at most a few."""
    return fold(query).split()[:SEARCH_MAX_TERMS]


@dataclass(frozen=True)
class Match:
    """Rows whose ``field`` (a folded text column) holds every one of ``terms``."""

    field: str
    terms: tuple[str, ...]

    def condition(self) -> Q:
        condition = Q()
        for term in self.terms:
            condition &= Q(**{f"{self.field}__contains": term})
        return condition

    def trigram_terms(self) -> list[str]:
        # LIKE wildcards mean nothing in a reader's words, and an ESCAPE clause would keep
        # SQLite's FTS5 from using its index, so they are dropped there. Terms under three
        # letters have no trigram (and crash SQLite 3.40's FTS5): the plain condition keeps them.
        plain = (term.replace("%", "").replace("_", "") for term in self.terms)
        return [term for term in plain if len(term) >= TRIGRAM]


def matching(queryset: QuerySet, matches: list[Match], *, fts_table: str) -> QuerySet:
    """The rows of ``queryset`` any of ``matches`` finds (none when there are none), from the
    trigram index: on SQLite the FTS5 table ``fts_table`` narrows the rows first."""
    if not matches:
        return queryset.none()
    condition = Q()
    for match in matches:
        condition |= match.condition()
    if connections[queryset.db].vendor == "sqlite":
        condition &= _sqlite_candidates(matches, fts_table)
    return queryset.filter(condition)


def newest_matching_ids(
    queryset: QuerySet, matches: list[Match], *, date_field: str, fts_table: str, limit: int
) -> list[int]:
    """The ids of the ``limit`` newest rows (by ``date_field``, then id) ``matches`` finds.

    Common words match most rows, and the trigram index would first collect every match in the
    table (3.8 ms for "phi cho" in 10,000 documents on SQLite, 75 ms for four words in 10,000
    articles); the newest rows hold the newest matches, so the newest NEWEST_WINDOW rows are
    read first (0.9 ms), and the rows after them, as many again as their matches' density
    says the rest need, when those matches are dense but too few (157 of 201 for "phi cho").
    Only when the windows fall short is the index asked, and then the matches are rarer
    (0.5 ms for a document number).
    """
    newest = queryset.order_by(f"-{date_field}", "-pk")
    if not matches:
        return []
    window = NEWEST_WINDOW
    ids = _newest_in_window(newest, matches, date_field, 0, window, limit)
    if ids and len(ids) < limit:
        # Spread like the first window's, ``limit`` matches take half this many rows; the
        # rows after the first window are read, not the first window again.
        wider = 2 * window * limit // len(ids)
        if wider <= WIDEST_WINDOW:
            ids += _newest_in_window(newest, matches, date_field, window, wider, limit - len(ids))
    if len(ids) < limit:
        found = matching(newest, matches, fts_table=fts_table)
        ids = list(found.values_list("pk", flat=True)[:limit])
    return ids


def _newest_in_window(newest, matches, date_field, start, stop, limit):
    """The ids of the first ``limit`` rows ``matches`` finds among the rows ``start`` to
    ``stop`` (excluded) of ``newest``; on SQLite, whole dates: a window holds every row of the
    date its last row has, and the next window starts after that date."""
    if connections[newest.db].vendor == "postgresql":
        return _newest_in_window_postgresql(newest, matches, date_field, start, stop, limit)
    condition = Q()
    for match in matches:
        condition |= match.condition()
    dates = newest.values(date_field)
    in_window = {f"{date_field}__gte": Subquery(dates[stop - 1 : stop])}
    if start:
        in_window[f"{date_field}__lt"] = Subquery(dates[start - 1 : start])
    # SQLite reads from the window's start in date order and stops at ``limit`` matches.
    found = newest.filter(condition, **in_window)
    return list(found.values_list("pk", flat=True)[:limit])


def _sqlite_candidates(matches, fts_table):
    """``pk IN`` the FTS5 table's rows for ``matches``; no condition when one of them has no
    term long enough for a trigram (the plain LIKEs then read the table)."""
    selects, params = [], []
    for match in matches:
        terms = match.trigram_terms()
        if not terms:
            return Q()
        likes = " AND ".join([f"{match.field} LIKE %s"] * len(terms))
        selects.append(f"SELECT rowid FROM {fts_table} WHERE {likes}")  # noqa: S608  # nosec B608
        params += [f"%{term}%" for term in terms]
    # Only column names and "%s" placeholders are joined into the SQL; the words are parameters.
    return Q(pk__in=RawSQL(" UNION ".join(selects), params))  # noqa: S611  # nosec B611


def _newest_in_window_postgresql(newest, matches, date_field, start, stop, limit):
    # PostgreSQL's planner guesses that a few LIKEs leave one row and takes the trigram index,
    # which collects every match (1.6 s); a derived table with LIMIT is read as written, and
    # each of the newest rows is matched once (4 ms). Each text is given as "column || ''": the
    # stored text is compressed, and each LIKE on the column would decompress it again
    # (1.6 ms -> 1.1 ms for four words on the bench data).
    fields = sorted({match.field for match in matches})
    texts = {
        f"text_{n}": Concat(field, Value(""), output_field=TextField())
        for n, field in enumerate(fields)
    }
    rows = newest.annotate(**texts).values("id", date_field, *texts)[start:stop]
    window_sql, params = rows.query.sql_with_params()
    connection = connections[newest.db]
    arms, patterns = [], []
    for match in matches:
        column = f"newest.text_{fields.index(match.field)}"
        arms.append("(" + " AND ".join([f"{column} LIKE %s"] * len(match.terms)) + ")")
        patterns += [f"%{connection.ops.prep_for_like_query(term)}%" for term in match.terms]
    # Only Django's own SQL, column names and "%s" placeholders are joined; words are parameters.
    sql = (
        f"SELECT newest.id FROM ({window_sql}) AS newest WHERE {' OR '.join(arms)} "  # noqa: S608  # nosec B608
        f"ORDER BY newest.{date_field} DESC, newest.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *patterns, limit])
        return [row[0] for row in cursor.fetchall()]


def sqlite_trigram_table(table: str, fts_table: str, columns: list[str]):
    """The statements that create, and those that drop, an FTS5 trigram table ``fts_table``
    over ``columns`` of ``table`` (its rowid the row's id), kept in step by triggers; for a
    migration (``RunPython`` on SQLite only)."""
    # Table and column names come from a migration's code, never from a reader.
    listed = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    delete_old = (
        f"INSERT INTO {fts_table}({fts_table}, rowid, {listed}) VALUES ('delete', old.id, {old});"  # noqa: S608  # nosec B608
    )
    insert_new = f"INSERT INTO {fts_table}(rowid, {listed}) VALUES (new.id, {new});"  # noqa: S608  # nosec B608
    create = [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts_table} USING fts5("
        f"{listed}, content='{table}', content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {fts_table}_insert AFTER INSERT ON {table} "
        f"BEGIN {insert_new} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts_table}_delete AFTER DELETE ON {table} "
        f"BEGIN {delete_old} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts_table}_update AFTER UPDATE OF {listed} ON {table} "
        f"BEGIN {delete_old} {insert_new} END",
        f"INSERT INTO {fts_table}({fts_table}) VALUES ('rebuild')",  # noqa: S608  # nosec B608
    ]
    drop = [
        f"DROP TRIGGER IF EXISTS {fts_table}_{event}" for event in ("insert", "delete", "update")
    ] + [f"DROP TABLE IF EXISTS {fts_table}"]
    return create, drop


def on_vendor(vendor: str, statements: list[str]):
    """A ``RunPython`` operation that runs ``statements`` on the ``vendor`` database only."""

    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != vendor:
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation
