"""PostgreSQL full-text search over a stored, GIN-indexed `SearchRecord.search_vector`.

The vector is `setweight(title, 'A') || setweight(body, 'D')` in the `french_unaccent`
configuration, computed by a trigger in the same write as the row (migration 0003). A query
matches with `plainto_tsquery` (every word, as the other backends) through the GIN index.

Ranking: `ts_rank` over the AND query favours long bodies (every pair of words adds up), so
each part is ranked over the OR of the words (`calc_rank_or`, bounded by the weight), with
length normalisation of that part only: a title match is worth at least 10 × 0.6 / (1 +
ln(title length)), a body match at most 0.1 — a title match always ranks first, and records
of equal score are ordered by date.

Speed: `ts_rank` costs far more than the match, so it is computed for a window of at most
`RANK_WINDOW` matches only, chosen by cheap keys that keep the order above: every word in the
title, then some word in the title, then the most recent. The window is ordered by score and
comes first; matches outside it follow in the order of those keys. When more than
`RANK_WINDOW` records have every word in their title, the window holds the most recent of
them. `search_page` reads the match once (one scan) and returns the total, every facet and
the page's ids in one query; facets count the records' own copies of their theme and
organisation ids (`unnest`), without joining the link tables.
"""

from django.db import connection, transaction
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from .models import SearchRecord

CONFIG = "french_unaccent"
TITLE_FACTOR = 10
RANK_WINDOW = 500
# The matched rows are kept in memory once per query (a few MB for 50,000 matches).
WORK_MEM = "32MB"

# The query (`%(q)s`) as tsqueries; all immutable, so folded into constants when planning.
_QUERY = f"plainto_tsquery('{CONFIG}', %(q)s)"
_ANY_WORD = f"replace({_QUERY}::text, ' & ', ' | ')::tsquery"
# `'lexeme'` → `'lexeme':A`: the same words, in the title only.
_TITLE = f"regexp_replace({_QUERY}::text, '''(?=\\s|$)', ''':A', 'g')"
_ALL_IN_TITLE = f"{_TITLE}::tsquery"
_ANY_IN_TITLE = f"replace({_TITLE}, ' & ', ' | ')::tsquery"
MATCH_SQL = f"search_vector @@ {_QUERY}"
_RANK_SQL = (
    f"r.boost * ({TITLE_FACTOR} * ts_rank(ts_filter(r.search_vector, '{{a}}'), {_ANY_WORD}, 1) "
    f"+ ts_rank(ts_filter(r.search_vector, '{{d}}'), {_ANY_WORD}, 1))"
)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def matching(q: str) -> QuerySet:
    """The records matching every word of `q`, without score."""
    return SearchRecord.objects.filter(
        RawSQL(MATCH_SQL.replace("%(q)s", "%s"), [q], output_field=BooleanField())
    )


# --- results, total and facets in one query ---------------------------------------------------

_SCALAR_FACETS = {
    "type": "source",
    "year": "year",
    "region": "region",
    "reference_type": "reference_type",
}


_LIST_FACETS = ("theme", "organisation")


def _list_facet(name: str) -> tuple[str, str, str, str]:
    """(id list column, table, value column, label column) of the theme or organisation facet."""
    from core.models import Organisation, Theme

    if name == "theme":
        return "theme_ids", Theme._meta.db_table, "slug", "name"
    return "organisation_ids", Organisation._meta.db_table, "acronym", "acronym"


def _flag(name: str) -> str:
    """SQL true when the record `r` passes the filter of facet `name` (param `%(f_name)s`)."""
    if name in _SCALAR_FACETS:
        return f"r.{_SCALAR_FACETS[name]} = ANY(%(f_{name})s)"
    column, table, key, _label = _list_facet(name)
    return f"r.{column} && ARRAY(SELECT id FROM {table} WHERE {key} = ANY(%(f_{name})s))"


def search_page(
    q: str,
    filters: dict[str, list[str]],
    facets: list[str],
    *,
    by_date: bool = False,
    start: int = 0,
    size: int = 10,
) -> tuple[int, list, list[int]]:
    """The total, every facet's (facet, value, label, count) rows and the page's record ids.

    The match runs once (GIN index or one scan) into a materialised CTE with one boolean
    column per applied filter; each facet counts the rows passing every filter but its own, the
    total and the page those passing all of them.
    """
    names = [name for name in facets if filters.get(name)]
    params: dict = {"q": q, "start": start, "size": size, "window": RANK_WINDOW}
    for name in names:
        values = filters[name]
        params[f"f_{name}"] = [int(v) for v in values] if name == "year" else values
    flags = "".join(f", {_flag(name)} AS f_{name}" for name in names)
    table = SearchRecord._meta.db_table
    sql = [
        f"WITH m AS MATERIALIZED (SELECT r.id, r.date, r.source, r.year, r.region, "
        f"r.reference_type, r.theme_ids, r.organisation_ids, "
        f"r.search_vector @@ {_ALL_IN_TITLE} AS all_in_title, "
        f"r.search_vector @@ {_ANY_IN_TITLE} AS any_in_title{flags} "
        f"FROM {table} r WHERE r.{MATCH_SQL})"
    ]

    def passing(skip: str = "") -> str:
        conditions = [f"m.f_{name}" for name in names if name != skip]
        return " AND ".join(conditions) or "TRUE"

    if by_date:
        order = "{t}.date DESC NULLS LAST, {t}.id DESC"
        sql.append(
            f", page AS (SELECT m.id, m.date FROM m WHERE {passing()} "
            f"ORDER BY {order.format(t='m')} OFFSET %(start)s LIMIT %(size)s)"
        )
    else:
        keys = "{t}.all_in_title DESC, {t}.any_in_title DESC, {t}.date DESC NULLS LAST, {t}.id DESC"
        order = f"{{t}}.score DESC NULLS LAST, {keys}"
        sql.append(
            f", w AS (SELECT m.id, m.date, m.all_in_title, m.any_in_title FROM m "
            f"WHERE {passing()} ORDER BY {keys.format(t='m')} LIMIT %(window)s), "
            f"s AS (SELECT w.*, {_RANK_SQL} AS score FROM w JOIN {table} r ON r.id = w.id)"
        )
        if start + size <= RANK_WINDOW:
            # The page lies in the window (which holds every match when there are fewer).
            rows = "s"
        else:
            rows = (
                f"(SELECT m.id, m.date, m.all_in_title, m.any_in_title, s.score "
                f"FROM m LEFT JOIN s ON s.id = m.id WHERE {passing()})"
            )
        sql.append(
            f", page AS (SELECT * FROM {rows} x "
            f"ORDER BY {order.format(t='x')} OFFSET %(start)s LIMIT %(size)s)"
        )
    parts = [
        f"SELECT 'page', id::text, NULL, row_number() OVER (ORDER BY {order.format(t='page')}) "
        "FROM page",
    ]
    # The total and the scalar facets in one pass (GROUPING SETS), each facet's count over the
    # rows passing the other facets' filters; `GROUPING()` says which set a row belongs to.
    scalar = [name for name in facets if name in _SCALAR_FACETS]
    columns = [f"m.{_SCALAR_FACETS[name]}" for name in scalar]
    every = (1 << len(scalar)) - 1
    masks = {name: every - (1 << (len(scalar) - 1 - i)) for i, name in enumerate(scalar)}
    grouping = f"GROUPING({', '.join(columns)})" if scalar else "0"
    kind = " ".join(f"WHEN {masks[name]} THEN '{name}'" for name in scalar)
    counts = " ".join(
        f"WHEN {masks[name]} THEN count(*) FILTER (WHERE {passing(name)})" for name in scalar
    )
    values = f"COALESCE({', '.join(f'{column}::text' for column in columns)})" if scalar else "NULL"
    sets = ", ".join([*(f"({column})" for column in columns), "()"])
    parts.append(
        f"SELECT CASE {grouping} {kind} ELSE 'total' END, {values}, NULL, "
        f"CASE {grouping} {counts} ELSE count(*) FILTER (WHERE {passing()}) END "
        f"FROM m GROUP BY GROUPING SETS ({sets})"
    )
    for name in facets:
        if name in _LIST_FACETS:
            column, table_name, key, label = _list_facet(name)
            parts.append(
                f"SELECT '{name}', v.{key}, v.{label}, sum(c.n)::bigint FROM "
                f"(SELECT id, count(*) AS n FROM (SELECT unnest(m.{column}) AS id FROM m "
                f"WHERE {passing(name)}) l GROUP BY id) c "
                f"JOIN {table_name} v ON v.id = c.id GROUP BY v.{key}, v.{label}"
            )
    sql.append(" " + " UNION ALL ".join(parts))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute("".join(sql), params)
        rows = cursor.fetchall()
    total = next(row[3] for row in rows if row[0] == "total")
    page = sorted((row[3], int(row[1])) for row in rows if row[0] == "page")
    counts = [
        row
        for row in rows
        if row[0] not in ("total", "page") and row[1] not in (None, "") and row[3]
    ]
    return total, counts, [pk for _, pk in page]
