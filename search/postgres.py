"""PostgreSQL full-text search over a stored, GIN-indexed `SearchRecord.search_vector`.

The vector is `setweight(title, 'A') || setweight(body, 'D')` in the `french_unaccent`
configuration, written in bulk after each save of records (`update_search_vectors`). A query
matches with `plainto_tsquery` (every word, as the other backends) through the GIN index.

Ranking: `ts_rank` over the AND query favours long bodies (every pair of words adds up), so
each part is ranked over the OR of the words (`calc_rank_or`, bounded by the weight), with
length normalisation of that part only: a title match is worth at least 10 × 0.6 / (1 +
ln(title length)), a body match at most 0.1 — a title match always ranks first, and records
of equal score are ordered by date by the caller.
"""

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from .models import SearchRecord

CONFIG = "french_unaccent"
TITLE_FACTOR = 10

VECTOR_SQL = (
    f"setweight(to_tsvector('{CONFIG}', title), 'A') || "
    f"setweight(to_tsvector('{CONFIG}', body), 'D')"
)
_QUERY = f"plainto_tsquery('{CONFIG}', %s)"
_OR_QUERY = f"replace({_QUERY}::text, ' & ', ' | ')::tsquery"
MATCH_SQL = f"search_vector @@ {_QUERY}"
RANK_SQL = (
    f"{TITLE_FACTOR} * ts_rank(ts_filter(search_vector, '{{a}}'), {_OR_QUERY}, 1) "
    f"+ ts_rank(ts_filter(search_vector, '{{d}}'), {_OR_QUERY}, 1)"
)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def update_search_vectors(ids: list[int]) -> None:
    """Recompute the stored vector of these records (one UPDATE)."""
    if ids and is_postgres():
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {SearchRecord._meta.db_table} SET search_vector = {VECTOR_SQL} "
                "WHERE id = ANY(%s)",
                [list(ids)],
            )


def matching(q: str) -> QuerySet:
    """The records matching every word of `q`, without score."""
    return SearchRecord.objects.filter(RawSQL(MATCH_SQL, [q], output_field=BooleanField()))


def scored(q: str) -> QuerySet:
    """The same records with a `_score` annotation (higher is better)."""
    return matching(q).annotate(_score=RawSQL(RANK_SQL, [q, q], output_field=FloatField()))


# --- facets in one query --------------------------------------------------------------------

_SCALAR_FACETS = {
    "type": "source",
    "year": "year",
    "region": "region",
    "reference_type": "reference_type",
}


def _flag(name: str, links: dict[str, tuple[str, str, str, str]]) -> str:
    if name in _SCALAR_FACETS:
        return f"r.{_SCALAR_FACETS[name]} = ANY(%s)"
    through, column, table, key = links[name]
    return (
        f"EXISTS (SELECT 1 FROM {through} l JOIN {table} v ON v.id = l.{column} "
        f"WHERE l.searchrecord_id = r.id AND v.{key} = ANY(%s))"
    )


def facet_rows(q: str, filters: dict[str, list[str]], facets: list[str]) -> tuple[int, list]:
    """The total and every facet's (facet, value, label, count) rows in ONE query.

    The match runs once (GIN index) into a materialised CTE with one boolean column per
    applied filter; each facet counts the rows passing every filter but its own, the total
    those passing all of them.
    """
    from core.models import Organisation, Theme

    links = {
        "theme": (
            SearchRecord.themes.through._meta.db_table,
            "theme_id",
            Theme._meta.db_table,
            "slug",
        ),
        "organisation": (
            SearchRecord.organisations.through._meta.db_table,
            "organisation_id",
            Organisation._meta.db_table,
            "acronym",
        ),
    }
    names = [name for name in facets if filters.get(name)]
    params: list = []
    columns = []
    for name in names:
        columns.append(f"{_flag(name, links)} AS f_{name}")
        params.append([int(v) for v in filters[name]] if name == "year" else filters[name])
    params.append(q)
    flags = "".join(f", {column}" for column in columns)
    sql = [
        f"WITH m AS MATERIALIZED (SELECT r.id, r.source, r.year, r.region, r.reference_type"
        f"{flags} FROM {SearchRecord._meta.db_table} r WHERE r.{MATCH_SQL})"
    ]

    def passing(skip: str = "") -> str:
        conditions = [f"m.f_{name}" for name in names if name != skip]
        return f"WHERE {' AND '.join(conditions)}" if conditions else ""

    parts = [f"SELECT 'total', NULL, NULL, count(*) FROM m {passing()}"]
    for name in facets:
        if name in _SCALAR_FACETS:
            column = f"m.{_SCALAR_FACETS[name]}"
            empty = f"{column} IS NOT NULL" if name == "year" else f"{column} <> ''"
            where = passing(name)
            where = f"{where} AND {empty}" if where else f"WHERE {empty}"
            parts.append(
                f"SELECT '{name}', {column}::text, NULL, count(*) FROM m {where} GROUP BY {column}"
            )
        else:
            through, column, table, key = links[name]
            label = "v.name" if name == "theme" else f"v.{key}"
            parts.append(
                f"SELECT '{name}', v.{key}, {label}, count(*) FROM m "
                f"JOIN {through} l ON l.searchrecord_id = m.id JOIN {table} v ON v.id = l.{column} "
                f"{passing(name)} GROUP BY v.{key}, {label}"
            )
    sql.append(" UNION ALL ".join(parts))
    with connection.cursor() as cursor:
        cursor.execute(" ".join(sql), params)
        rows = cursor.fetchall()
    total = next(row[3] for row in rows if row[0] == "total")
    return total, [row for row in rows if row[0] != "total"]
