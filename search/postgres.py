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
`RANK_WINDOW` dated records have every word in their title, the window holds the most recent
of them, read newest first through the date index. The total and every facet come from one
scan of the match grouped twice, never materialised (see `search_page`); at 100,000 records
a broad word matches most of them, and each pass over 88,000 rows costs tens of
milliseconds.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from .facet_sets import pairs_by_id
from .models import SearchRecord
from .vocabulary import vocabulary

CONFIG = "french_unaccent"
TITLE_FACTOR = 10
RANK_WINDOW = 500

# The query (`%(q)s`) as tsqueries; all immutable, so folded into constants when planning.
_QUERY = f"plainto_tsquery('{CONFIG}', %(q)s)"
_ANY_WORD = f"replace({_QUERY}::text, ' & ', ' | ')::tsquery"
# `'lexeme'` → `'lexeme':A`: the same words, in the title only.
_TITLE = f"regexp_replace({_QUERY}::text, '''(?=\\s|$)', ''':A', 'g')"
_ALL_IN_TITLE = f"{_TITLE}::tsquery"
_ANY_IN_TITLE = f"replace({_TITLE}, ' & ', ' | ')::tsquery"
MATCH_SQL = f"search_vector @@ {_QUERY}"
_RANK_SQL = (
    f"w.boost * ({TITLE_FACTOR} * ts_rank(ts_filter(w.search_vector, '{{a}}'), {_ANY_WORD}, 1) "
    f"+ ts_rank(ts_filter(w.search_vector, '{{d}}'), {_ANY_WORD}, 1))"
)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def matching(q: str) -> QuerySet:
    """The records matching every word of `q`, without score."""
    return SearchRecord.objects.filter(
        RawSQL(MATCH_SQL.replace("%(q)s", "%s"), [q], output_field=BooleanField())
    )


# --- total and facets in one scan, then the page ------------------------------------------------

_SCALAR_FACETS = {
    "type": "source",
    "year": "year",
    "region": "region",
    "reference_type": "reference_type",
}
_LIST_FACETS = {"theme": "theme_ids", "organisation": "organisation_ids"}
# The cheap keys: 2 with every word in the title, 1 with some, 0 with none; then the most recent.
# Some word is tested first: most matches have none, and then one test is enough.
_IN_TITLE = (
    f"CASE WHEN r.search_vector @@ {_ANY_IN_TITLE} "
    f"THEN CASE WHEN r.search_vector @@ {_ALL_IN_TITLE} THEN 2 ELSE 1 END ELSE 0 END AS in_title"
)
_KEYS = "{t}.in_title DESC, {t}.date DESC NULLS LAST, {t}.id DESC"


@dataclass
class _Sums:
    total: int = 0
    # Passing every filter and readable through the date index: dated, and for the relevance
    # order with every word in the title (see `_page`).
    indexed: int = 0
    scalar_counts: dict[str, defaultdict] = field(
        default_factory=lambda: {name: defaultdict(int) for name in _SCALAR_FACETS}
    )
    list_counts: dict[str, defaultdict] = field(
        default_factory=lambda: {name: defaultdict(int) for name in _LIST_FACETS}
    )


def _add_up(groups: list[tuple], wanted: dict[str, set], wanted_ids: dict[str, set[int]]) -> _Sums:
    """The total and the multi-select counts from the groups of `search_page`.

    A scalar group's rows passing the theme and organisation filters count for facet F's value
    when the group passes the other scalar filters, and for the total when it passes them all.
    A pair group's rows passing the scalar filters count for each of the pair's themes when
    the pair passes the organisation filter, and for each of its organisations when it passes
    the theme filter; the pairs are read once per process (`facet_sets.pairs_by_id`). This loop
    is on every search's path (a few hundred groups for a broad word at 2,000 records, some
    thousands at 100,000), hence its plainness.
    """
    sums = _Sums()
    scalar_counts = [sums.scalar_counts[name] for name in _SCALAR_FACETS]
    theme_counts, organisation_counts = sums.list_counts["theme"], sums.list_counts["organisation"]
    wanted_themes, wanted_organisations = wanted_ids.get("theme"), wanted_ids.get("organisation")
    # (position of the value in the group, the values wanted, whether the value is a year)
    scalar_filters = [
        (index, wanted[name], name == "year")
        for index, name in enumerate(_SCALAR_FACETS)
        if name in wanted
    ]
    pairs = pairs_by_id({group[5] for group in groups if not group[0]})
    for scalar, *values, facet_set_id, passing_lists, passing_scalars, indexed in groups:
        if not scalar:
            # As the join it replaces, a pair not (yet) visible counts for nothing.
            if not passing_scalars or facet_set_id not in pairs:
                continue
            themes, organisations = pairs[facet_set_id]
            if wanted_organisations is None or not wanted_organisations.isdisjoint(organisations):
                for pk in themes:
                    theme_counts[pk] += passing_scalars
            if wanted_themes is None or not wanted_themes.isdisjoint(themes):
                for pk in organisations:
                    organisation_counts[pk] += passing_scalars
            continue
        failed = [
            index
            for index, allowed, is_year in scalar_filters
            if (str(values[index]) if is_year else values[index]) not in allowed
        ]
        if not failed:
            sums.total += passing_lists
            sums.indexed += indexed
        if len(failed) > 1 or not passing_lists:
            continue
        for index, value in enumerate(values):
            if (not failed or failed[0] == index) and value is not None and value != "":
                scalar_counts[index][str(value)] += passing_lists
    return sums


def search_page(
    q: str,
    filters: dict[str, list[str]],
    facets: list[str],
    *,
    by_date: bool = False,
    start: int = 0,
    size: int = 10,
) -> tuple[int, list, list[SearchRecord]]:
    """The total, every facet's (facet, value, label, count) rows and the page's records.

    Two queries. The first reads the match once and groups it twice (`GROUPING SETS`): by the
    four scalar facets together, counting the rows that pass the theme and organisation
    filters, and by the record's (themes, organisations) pair (`FacetSet`, one integer to
    hash), counting the rows that pass the scalar filters. The groups come back as they are (a
    few hundred for a broad word at 2,000 records, some thousands at 100,000): `_add_up` spreads
    each pair's count over its themes and organisations and adds up the multi-select counts
    (each facet narrowed by the others' filters only), the total and the number of dated
    records with every word in the title. The second picks the page: when at least
    `RANK_WINDOW` dated records have every word in their title, the window is the most recent
    of them, read through the date index without touching the other matches; otherwise one
    scan orders every match by the cheap keys. The window is ranked with `ts_rank`; pages past
    it follow in the keys' order. The same statement reads the page's records (`_records`).
    """
    known = vocabulary()
    themes, organisations = known.themes, known.organisations
    by_slug = {value: pk for pk, (value, _label) in themes.items()}
    by_acronym = {value: pk for pk, (value, _label) in organisations.items()}
    wanted = {name: set(filters[name]) for name in facets if filters.get(name)}
    params: dict = {"q": q}
    list_flags = {}
    wanted_ids: dict[str, set[int]] = {}
    for name, column in _LIST_FACETS.items():
        if name in wanted:
            lookup = by_slug if name == "theme" else by_acronym
            params[f"f_{name}"] = [lookup[v] for v in wanted[name] if v in lookup]
            wanted_ids[name] = set(params[f"f_{name}"])
            list_flags[name] = f"{{t}}.{column} && %(f_{name})s::bigint[]"
    scalar_flags = {}
    for name, column in _SCALAR_FACETS.items():
        if name in wanted:
            values = wanted[name]
            params[f"f_{name}"] = [int(v) for v in values] if name == "year" else list(values)
            scalar_flags[name] = f"r.{column} = ANY(%(f_{name})s)"

    def every(flags: dict[str, str], *more: str, t: str = "r") -> str:
        return " AND ".join([*(flag.format(t=t) for flag in flags.values()), *more]) or "TRUE"

    table = SearchRecord._meta.db_table
    scalar_columns = ", ".join(f"r.{column}" for column in _SCALAR_FACETS.values())
    # The matches the page can be read from through the date index, newest first.
    in_title = () if by_date else (f"r.search_vector @@ {_ALL_IN_TITLE}",)
    indexed = every(list_flags, "r.date IS NOT NULL", *in_title)
    counts_sql = (
        f"SELECT GROUPING({scalar_columns}) = 0, {scalar_columns}, r.facet_set_id, "
        f"count(*) FILTER (WHERE {every(list_flags)}), "
        f"count(*) FILTER (WHERE {every(scalar_flags)}), "
        f"count(*) FILTER (WHERE {indexed}) FROM {table} r WHERE r.{MATCH_SQL} "
        f"GROUP BY GROUPING SETS (({scalar_columns}), (r.facet_set_id))"
    )
    with connection.cursor() as cursor:
        cursor.execute(counts_sql, params)
        sums = _add_up(cursor.fetchall(), wanted, wanted_ids)
        condition = every({**scalar_flags, **list_flags}, f"r.{MATCH_SQL}")
        records = _page(cursor, table, condition, params, by_date, start, size, sums)
    rows = [
        (name, value, None, count)
        for name, by_value in sums.scalar_counts.items()
        if name in facets
        for value, count in by_value.items()
        if count
    ]
    for name, by_id in sums.list_counts.items():
        named = themes if name == "theme" else organisations
        if name in facets:
            rows += [
                (name, *named[pk], count) for pk, count in by_id.items() if count and pk in named
            ]
    return sums.total, rows, records


# A page's records with every column but the vector, in the model's order (`_records`).
_PAGE_FIELDS = [f for f in SearchRecord._meta.concrete_fields if f.attname != "search_vector"]
_PAGE_COLUMNS = ", ".join(f"r.{f.column}" for f in _PAGE_FIELDS)
_PAGE_ATTNAMES = [f.attname for f in _PAGE_FIELDS]
_PAGE_CONVERTERS = [(i, f) for i, f in enumerate(_PAGE_FIELDS) if hasattr(f, "from_db_value")]


def _page(
    cursor,
    table: str,
    condition: str,
    params: dict,
    by_date: bool,
    start: int,
    size: int,
    sums: _Sums,
) -> list[SearchRecord]:
    """The page's records (see `search_page`), read in the statement that orders them."""
    params = {**params, "start": start, "size": size, "window": RANK_WINDOW}
    total, indexed = sums.total, sums.indexed
    if start >= total:
        return []
    if by_date:
        if indexed >= start + size:  # the date index, newest first, holds the whole page
            dated, order = "AND r.date IS NOT NULL", "r.date DESC"
        else:
            dated, order = "", "r.date DESC NULLS LAST"
        ordered = (
            f"SELECT r.id FROM {table} r WHERE {condition} {dated} "
            f"ORDER BY {order}, r.id DESC OFFSET %(start)s LIMIT %(size)s"
        )
        return _records(cursor, table, [ordered], params)
    # The window holds the first `RANK_WINDOW` matches in the keys' order, or all of them.
    window_length = min(total, RANK_WINDOW)
    ordered = []
    if start < window_length:
        if indexed >= RANK_WINDOW:
            window = (
                f"SELECT r.id, r.date, 2 AS in_title, r.boost, "
                f"r.search_vector FROM {table} r "
                f"WHERE {condition} AND r.date IS NOT NULL AND r.search_vector @@ {_ALL_IN_TITLE} "
                f"ORDER BY r.date DESC, r.id DESC LIMIT %(window)s"
            )
        else:
            window = (
                f"SELECT x.* FROM (SELECT r.id, r.date, {_IN_TITLE}, r.boost, r.search_vector "
                f"FROM {table} r WHERE {condition}) x ORDER BY {_KEYS.format(t='x')} "
                f"LIMIT %(window)s"
            )
        ordered.append(
            f"SELECT w.id FROM ({window}) w ORDER BY {_RANK_SQL} DESC NULLS LAST, "
            f"{_KEYS.format(t='w')} OFFSET %(start)s LIMIT %(size)s"
        )
    if start + size > window_length and total > window_length:
        # Past the window: the other matches in the keys' order, the window being their first
        # `RANK_WINDOW` rows.
        offset = max(start, window_length)
        params.update(offset=offset, limit=start + size - offset)
        ordered.append(
            f"SELECT x.id FROM (SELECT r.id, r.date, {_IN_TITLE} FROM {table} r "
            f"WHERE {condition}) x ORDER BY {_KEYS.format(t='x')} OFFSET %(offset)s LIMIT %(limit)s"
        )
    return _records(cursor, table, ordered, params)


def _records(cursor, table: str, ordered: list[str], params: dict) -> list[SearchRecord]:
    """The records whose ids the `ordered` queries give, in that order, without the vector.

    Read in the same statement (`ARRAY(…)` keeps each query's order, `WITH ORDINALITY` numbers
    the ids): no second round trip, no queryset to compile.
    """
    ids = " || ".join(f"ARRAY({sql})" for sql in ordered)
    cursor.execute(
        f"SELECT {_PAGE_COLUMNS} FROM unnest({ids}) WITH ORDINALITY p(id, n) "
        f"JOIN {table} r ON r.id = p.id ORDER BY p.n",
        params,
    )
    records = []
    for row in cursor.fetchall():
        values = list(row)
        for index, model_field in _PAGE_CONVERTERS:
            values[index] = model_field.from_db_value(values[index], None, connection)
        records.append(SearchRecord.from_db(connection.alias, _PAGE_ATTNAMES, values))
    return records
