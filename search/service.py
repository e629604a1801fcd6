"""The unified search: query, filters, facets, sorting and pagination over `SearchRecord`.

One search runs against one backend over one model (`SearchRecord`), so every type is ranked
together. On SQLite the full-text match runs once into a temporary table (`search.sqlite`),
then the total, each facet count and the page are one SQL query each over it; on PostgreSQL
the page, total and facets are one query (`search.postgres`). No matching object is loaded
in Python beyond the page. On Elasticsearch/OpenSearch the best `EXTERNAL_MAX_HITS` ids (with
scores) come from the server and the same SQL filters and counts run over them. If the server
fails, the database backend answers instead, and the response says so.
"""

import logging
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, FloatField, QuerySet, Value, When
from django.http import QueryDict
from wagtail.search.backends import get_search_backend

from core.choices import Region

from . import french, postgres, sqlite
from .indexing import is_external
from .models import SearchRecord
from .registry import get_sources

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12
SUGGEST_MIN_LENGTH = 3
SUGGEST_LIMIT = 8
PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
EXTERNAL_MAX_HITS = 1000

FACETS = {
    "type": "Type de contenu",
    "theme": "Thème",
    "year": "Année",
    "organisation": "Structure",
    "region": "Région",
    "reference_type": "Type de référence",
}
SORTS = {"relevance": "Pertinence", "date": "Date"}
PARAMETERS = {"q", "sort", "page", "page_size", *FACETS}

ThroughTheme = SearchRecord.themes.through
ThroughOrganisation = SearchRecord.organisations.through


class SearchInputError(ValueError):
    """A parameter that cannot be understood; its message is shown to the visitor."""


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE


def _positive_int(name: str, raw: str, maximum: int | None = None) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise SearchInputError(f"Le paramètre « {name} » doit être un nombre entier.") from None
    if value < 1 or (maximum is not None and value > maximum):
        limit = f" et {maximum}" if maximum else ""
        raise SearchInputError(f"Le paramètre « {name} » doit être compris entre 1{limit}.")
    return value


def parse_params(data: QueryDict, *, strict: bool = True) -> SearchParams:
    """Read and check the GET parameters; `strict` refuses unknown parameter names."""
    unknown = sorted(set(data) - PARAMETERS)
    if strict and unknown:
        raise SearchInputError(
            f"Paramètre inconnu : {', '.join(unknown)}. "
            f"Paramètres acceptés : {', '.join(sorted(PARAMETERS))}."
        )
    params = SearchParams(q=" ".join(data.get("q", "").split())[:MAX_QUERY_LENGTH])
    sort = data.get("sort") or "relevance"
    if sort not in SORTS:
        raise SearchInputError(f"Tri inconnu « {sort[:50]} » : choisir parmi {', '.join(SORTS)}.")
    params.sort = sort
    params.page = _positive_int("page", data.get("page") or "1", maximum=10_000)
    params.page_size = _positive_int(
        "page_size", data.get("page_size") or str(PAGE_SIZE), maximum=MAX_PAGE_SIZE
    )
    for name in FACETS:
        values = [value.strip()[:100] for value in data.getlist(name) if value.strip()]
        if name == "year":
            for value in values:
                if not value.isdigit() or len(value) != 4:
                    raise SearchInputError("Le paramètre « year » attend une année (ex. 2016).")
        if values:
            params.filters[name] = values[:20]
    return params


def query_terms(q: str) -> list[str]:
    """The analysed query: what must match. Empty for blank, stopword-only or punctuation."""
    return french.analyze(q)[:MAX_QUERY_TERMS]


# --- matching ---------------------------------------------------------------------------------


@dataclass
class Match:
    """The records matching the query, with a `_score` annotation, and who answered.

    On PostgreSQL only `postgres_query` is used: `postgres.search_page` scores and counts.
    """

    queryset: QuerySet
    backend: str
    score_ordering: str  # "_score" (lower is better) or "-_score"
    unscored: QuerySet | None = None  # the same records without the (costly) score
    postgres_query: str = ""  # PostgreSQL: page, total and facets in one query (`postgres`)
    sqlite_backend: object = None  # our SQLite FTS5 backend: match materialised (`sqlite`)

    @property
    def for_counting(self) -> QuerySet:
        return self.unscored if self.unscored is not None else self.queryset


def _database_backend():
    from django.conf import settings

    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(name)


def _database_match(q: str) -> Match:
    if postgres.is_postgres():
        return Match(postgres.matching(q), "database", "-_score", postgres_query=q)
    backend = _database_backend()
    if sqlite.materialises(backend):
        return Match(SearchRecord.objects.none(), "database", "_score", sqlite_backend=backend)
    results = backend.search(q, SearchRecord.objects.all(), operator="and")
    queryset = results.annotate_score("_score").get_queryset()
    # SQLite's bm25() is lower-is-better; PostgreSQL's ts_rank higher-is-better.
    ascending = getattr(backend, "score_ascending", False)
    unscored = (
        backend.search(q, SearchRecord.objects.all(), operator="and", order_by_relevance=False)
        .get_queryset()
        .order_by()
    )
    return Match(queryset, "database", "_score" if ascending else "-_score", unscored)


def _external_match(backend, q: str) -> Match:
    hits = list(
        backend.search(q, SearchRecord.objects.all(), operator="and").annotate_score("_score")[
            :EXTERNAL_MAX_HITS
        ]
    )
    if not hits:
        nothing = SearchRecord.objects.none().annotate(_score=Value(0.0, FloatField()))
        return Match(nothing, "elasticsearch", "-_score")
    score = Case(
        *[When(pk=hit.pk, then=Value(float(hit._score or 0))) for hit in hits],
        output_field=FloatField(),
    )
    queryset = SearchRecord.objects.filter(pk__in=[hit.pk for hit in hits]).annotate(_score=score)
    return Match(queryset, "elasticsearch", "-_score")


def match(q: str) -> Match:
    """Run the full-text part on the default backend, falling back to the database."""
    backend = get_search_backend("default")
    if is_external(backend):
        try:
            return _external_match(backend, q)
        except Exception:
            logger.warning("Search server unavailable: falling back to the database", exc_info=True)
    return _database_match(q)


# --- filters and facets -----------------------------------------------------------------------


def apply_filters(queryset: QuerySet, filters: dict[str, list[str]], skip: str = "") -> QuerySet:
    """Narrow by every facet filter except `skip` (values within a facet are alternatives)."""
    for name, values in filters.items():
        if name == skip:
            continue
        if name == "type":
            queryset = queryset.filter(source__in=values)
        elif name == "theme":
            queryset = queryset.filter(
                pk__in=ThroughTheme.objects.filter(theme__slug__in=values).values("searchrecord_id")
            )
        elif name == "organisation":
            queryset = queryset.filter(
                pk__in=ThroughOrganisation.objects.filter(organisation__acronym__in=values).values(
                    "searchrecord_id"
                )
            )
        elif name == "year":
            queryset = queryset.filter(year__in=[int(value) for value in values])
        elif name == "region":
            queryset = queryset.filter(region__in=values)
        elif name == "reference_type":
            queryset = queryset.filter(reference_type__in=values)
    return queryset


def _counts(queryset: QuerySet, name: str) -> list[tuple[str, str, int]]:
    """(value, label, count) of one facet over `queryset`, most frequent first."""
    ids = queryset.order_by().values("pk")
    if name == "theme":
        rows = (
            ThroughTheme.objects.filter(searchrecord_id__in=ids)
            .values(value=F("theme__slug"), label=F("theme__name"))
            .annotate(count=Count("searchrecord_id"))
        )
        return [(row["value"], row["label"], row["count"]) for row in rows]
    if name == "organisation":
        rows = (
            ThroughOrganisation.objects.filter(searchrecord_id__in=ids)
            .values(value=F("organisation__acronym"))
            .annotate(count=Count("searchrecord_id"))
        )
        return [(row["value"], row["value"], row["count"]) for row in rows]
    column = {"type": "source"}.get(name, name)
    rows = (
        SearchRecord.objects.filter(pk__in=ids)
        .exclude(**{f"{column}__isnull": True})
        .exclude(**{column: ""} if name != "year" else {})
        .values(value=F(column))
        .annotate(count=Count("pk"))
        .order_by()
    )
    labels = _labels(name)
    return [
        (str(row["value"]), labels.get(str(row["value"]), str(row["value"])), row["count"])
        for row in rows
    ]


def _labels(name: str) -> dict[str, str]:
    if name == "type":
        return {key: source.label for key, source in get_sources().items()}
    if name == "region":
        return dict(Region.choices)
    return {}


def facet_counts(base: QuerySet, filters: dict[str, list[str]]) -> dict[str, list[dict]]:
    """Each facet counted over the results narrowed by the OTHER facets' filters."""
    return shape_facets(
        {name: _counts(apply_filters(base, filters, skip=name), name) for name in FACETS}, filters
    )


def postgres_search(
    q: str, filters: dict[str, list[str]], *, by_date: bool = False, start: int = 0, size: int = 10
) -> tuple[int, dict[str, list[dict]], list[int]]:
    """PostgreSQL: the total, the same facet counts as `facet_counts` and the page's record ids,
    in one query."""
    total, rows, ids = postgres.search_page(
        q, filters, list(FACETS), by_date=by_date, start=start, size=size
    )
    counts: dict[str, list[tuple[str, str, int]]] = {name: [] for name in FACETS}
    labels = {name: _labels(name) for name in FACETS}
    for name, value, label, count in rows:
        counts[name].append((value, label or labels[name].get(value, value), count))
    return total, shape_facets(counts, filters), ids


def shape_facets(
    all_counts: dict[str, list[tuple[str, str, int]]], filters: dict[str, list[str]]
) -> dict[str, list[dict]]:
    """Sorted facet entries (years newest first, others most frequent first), with `selected`."""
    facets = {}
    for name in FACETS:
        counts = all_counts[name]
        selected = set(filters.get(name, []))
        if name == "year":
            counts.sort(key=lambda item: item[0], reverse=True)
        else:
            counts.sort(key=lambda item: (-item[2], item[1]))
        facets[name] = [
            {"value": value, "label": label, "count": count, "selected": value in selected}
            for value, label, count in counts
        ]
    return facets


# --- the search -------------------------------------------------------------------------------


def _theme_summaries(records: list[SearchRecord]) -> dict[int, list[dict]]:
    rows = ThroughTheme.objects.filter(searchrecord_id__in=[r.pk for r in records]).values(
        "searchrecord_id", "theme__slug", "theme__name"
    )
    themes: dict[int, list[dict]] = {}
    for row in rows.order_by("theme__name"):
        themes.setdefault(row["searchrecord_id"], []).append(
            {"slug": row["theme__slug"], "name": row["theme__name"]}
        )
    return themes


def _result(record: SearchRecord, terms: set[str], themes: list[dict]) -> dict:
    source = get_sources().get(record.source)
    return {
        "type": record.source,
        "type_label": source.label if source else record.source,
        "title": record.title,
        "title_html": french.highlight(record.title, terms, max_length=1000),
        "url": record.url,
        "snippet": french.highlight(record.body, terms),
        "date": record.date.isoformat() if record.date else None,
        "year": record.year,
        "themes": themes,
    }


def empty_response(params: SearchParams, backend: str = "database") -> dict:
    return {
        "query": params.q,
        "backend": backend,
        "total": 0,
        "page": params.page,
        "page_size": params.page_size,
        "num_pages": 0,
        "sort": params.sort,
        "filters": params.filters,
        "results": [],
        "facets": {name: [] for name in FACETS},
    }


def _counts_and_page(
    scored: QuerySet, unscored: QuerySet, score_ordering: str, params: SearchParams
) -> tuple[int, dict[str, list[dict]], list[SearchRecord]]:
    """The total, the facets and the page's records, by one SQL query each."""
    total = apply_filters(unscored, params.filters).count()
    facets = facet_counts(unscored, params.filters)
    filtered = apply_filters(scored, params.filters)
    if params.sort == "date":
        ordered = filtered.order_by(F("date").desc(nulls_last=True), "-pk")
    else:
        ordered = filtered.order_by(score_ordering, F("date").desc(nulls_last=True), "-pk")
    start = (params.page - 1) * params.page_size
    records = list(ordered[start : start + params.page_size]) if start < total else []
    return total, facets, records


def search(params: SearchParams) -> dict:
    """The whole answer for one search: results page, total, facets, applied filters."""
    terms = query_terms(params.q)
    if not terms:
        return empty_response(params)
    found = match(params.q)
    start = (params.page - 1) * params.page_size
    if found.postgres_query:
        total, facets, ids = postgres_search(
            found.postgres_query,
            params.filters,
            by_date=params.sort == "date",
            start=start,
            size=params.page_size,
        )
        by_id = SearchRecord.objects.defer("search_vector").in_bulk(ids)
        records = [by_id[pk] for pk in ids]
    elif found.sqlite_backend is not None:
        with sqlite.matched(found.sqlite_backend, params.q) as (scored, unscored):
            total, facets, records = _counts_and_page(scored, unscored, "_score", params)
    else:
        total, facets, records = _counts_and_page(
            found.queryset, found.for_counting, found.score_ordering, params
        )
    response = empty_response(params, found.backend)
    response["total"] = total
    response["num_pages"] = (total + params.page_size - 1) // params.page_size
    response["facets"] = facets
    themes = _theme_summaries(records)
    term_set = set(terms)
    response["results"] = [_result(r, term_set, themes.get(r.pk, [])) for r in records]
    return response


def suggest(q: str) -> dict:
    """Titles for the search box, from the third character typed."""
    q = " ".join(q.split())[:MAX_QUERY_LENGTH]
    if len(q) < SUGGEST_MIN_LENGTH or not french.fold_words(q):
        return {"query": q, "backend": "database", "suggestions": []}
    backend_name = "database"
    backend = get_search_backend("default")
    records = None
    if is_external(backend):
        try:
            records = list(backend.autocomplete(q, SearchRecord.objects.all())[:SUGGEST_LIMIT])
            backend_name = "elasticsearch"
        except Exception:
            logger.warning(
                "Search server unavailable: suggestions from the database", exc_info=True
            )
    if records is None:
        database = _database_backend()
        if sqlite.materialises(database):
            with sqlite.matched(database, q, autocomplete=True) as (scored, _unscored):
                records = list(scored.order_by("_score", "-pk")[:SUGGEST_LIMIT])
        else:
            records = list(database.autocomplete(q, SearchRecord.objects.all())[:SUGGEST_LIMIT])
    sources = get_sources()
    return {
        "query": q,
        "backend": backend_name,
        "suggestions": [
            {
                "title": r.title,
                "url": r.url,
                "type": r.source,
                "type_label": sources[r.source].label if r.source in sources else r.source,
            }
            for r in records
        ],
    }
