"""SQLite: run the FTS5 match once per search, into a temporary table of matched ids.

Wagtail's SQLite backend answers with a queryset whose MATCH sits in an `IN` subquery and
again in a correlated score subquery; counting the total, each facet and the page over it ran
the full-text match about ten times per request (0.5 s or more each at a few thousand records).
Here one `INSERT … SELECT` writes every match (record id, weighted BM25 score) into
`temp.<MATCH_TABLE>`, and the total, the facets and the page are ordinary queries joined to it,
so the generic filters and facet counts of `search.facets` keep their meaning.

A TEMP table belongs to its connection, and Django gives each thread its own connection: two
requests never see each other's matches. The table is emptied before it is filled and again
when the search ends (even on error), so nothing of one search stays for the next.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.models import FloatField, QuerySet
from django.db.models.expressions import RawSQL

from .models import SearchRecord

MATCH_TABLE = "sitesearch_match"


def _execute(sql: str, params: list | tuple = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def materialises(backend) -> bool:
    """Whether `backend` is our SQLite FTS5 backend, whose match `matched` can materialise."""
    return hasattr(backend.query_compiler_class, "match_rows_sql")


@contextmanager
def matched(backend, q: str, *, autocomplete: bool = False) -> Iterator[tuple[QuerySet, QuerySet]]:
    """The records matching every word of `q` on our FTS5 `backend` (title prefixes with
    `autocomplete`), as two querysets over the materialised match: with `_score` (BM25, lower
    is better) for the page, and without for the counts. Use them inside the `with` only."""
    records = SearchRecord.objects.all()
    if autocomplete:
        compiler = backend.autocomplete(q, records).query_compiler
    else:
        compiler = backend.search(q, records, operator="and").query_compiler
    rows = compiler.match_rows_sql(compiler.get_config(backend))
    _execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {MATCH_TABLE} "
        "(record_id INTEGER PRIMARY KEY, score REAL NOT NULL)"
    )
    _execute(f"DELETE FROM temp.{MATCH_TABLE}")
    try:
        if rows is not None:
            sql, params = rows
            _execute(f"INSERT INTO temp.{MATCH_TABLE} (record_id, score) {sql}", params)
        ids = RawSQL(f"SELECT record_id FROM temp.{MATCH_TABLE}", [])
        unscored = SearchRecord.objects.filter(pk__in=ids)
        # Correlated with the outer query's own table: only for the top-level page query.
        record_id = f"{connection.ops.quote_name(SearchRecord._meta.db_table)}.id"
        boost = f"{connection.ops.quote_name(SearchRecord._meta.db_table)}.boost"
        score = RawSQL(
            f"SELECT m.score * {boost} FROM temp.{MATCH_TABLE} m WHERE m.record_id = {record_id}",
            [],
            output_field=FloatField(),
        )
        yield unscored.annotate(_score=score), unscored
    finally:
        _execute(f"DELETE FROM temp.{MATCH_TABLE}")
