"""The unified search: query, filters, facets, sorting and pagination over `SearchRecord`.

One search runs against one backend over one model (`SearchRecord`), so every type is ranked
together. On SQLite the full-text match runs once into a temporary table (`search.sqlite`),
then the total, each facet count and the page are one SQL query each over it; on PostgreSQL
the total and facets are one query and the page's records another (`search.postgres`). No
matching object is loaded in Python beyond the page. On Elasticsearch/OpenSearch one request
to the engine answers everything: page, exact total, order, highlights and facets as
aggregations (`search.engine`).
If the engine fails, the database backend answers instead, and the response says so.

The parts live in `params` (reading the request), `engine` (the engine's answer), `matching`
(the full-text match on the database), `facets` (filters and counts) and `results` (the
answer's entries); this module puts them together and exports the names the API and the
search page use.
"""

import logging

from django.db.models import F, QuerySet
from wagtail.search.backends import get_search_backend

from . import engine, french, sqlite
from .facets import apply_filters, facet_counts, postgres_search, shape_facets
from .indexing import is_external
from .matching import database_backend as _database_backend
from .matching import match
from .models import SearchRecord
from .params import (
    FACETS,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    SORTS,
    SearchInputError,
    SearchParams,
    nul_character,
    parse_params,
    query_terms,
    unknown_parameters,
)
from .registry import get_sources, type_labels
from .results import empty_response, result_entry, theme_summaries

__all__ = [
    "FACETS",
    "MAX_PAGE_SIZE",
    "MAX_QUERY_LENGTH",
    "SORTS",
    "SearchInputError",
    "SearchParams",
    "apply_filters",
    "empty_response",
    "facet_counts",
    "nul_character",
    "parse_params",
    "postgres_search",
    "search",
    "suggest",
    "unknown_parameters",
]

logger = logging.getLogger(__name__)

SUGGEST_MIN_LENGTH = 3
SUGGEST_LIMIT = 8


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


def _browse(params: SearchParams) -> dict:
    """No words but filters (`?theme=laicite`, a theme's own URL): every record that passes
    them, newest first, with the facets."""
    records = SearchRecord.objects.all()
    total, facets, page = _counts_and_page(records, records, "-date", params)
    response = empty_response(params)
    response["total"] = total
    response["num_pages"] = (total + params.page_size - 1) // params.page_size
    response["facets"] = facets
    themes = theme_summaries(page)
    response["results"] = [result_entry(r, set(), themes.get(r.pk, [])) for r in page]
    return response


def _from_engine(params: SearchParams, terms: list[str]) -> dict | None:
    """The engine's answer (words, or a browse by facets), or None when it has none to give."""
    backend = get_search_backend("default")
    if not is_external(backend):
        return None
    try:
        if terms:
            query = engine.full_text_query(backend, params.q)
        else:
            query = engine.match_all_query(backend)
        answer = engine.run(
            backend,
            query,
            params,
            by_date=params.sort == "date" or not terms,
            highlight=bool(terms),
        )
    except Exception:
        logger.warning("Search server unavailable: falling back to the database", exc_info=True)
        return None
    response = empty_response(params, "elasticsearch")
    response["total"] = answer.total
    response["num_pages"] = (answer.total + params.page_size - 1) // params.page_size
    response["facets"] = shape_facets(answer.counts, params.filters)
    themes = theme_summaries(answer.records)
    term_set = set(terms)
    response["results"] = [
        result_entry(r, term_set, themes.get(r.pk, []), answer.highlights.get(r.pk))
        for r in answer.records
    ]
    return response


def search(params: SearchParams) -> dict:
    """The whole answer for one search: results page, total, facets, applied filters."""
    terms = query_terms(params.q)
    browse = not params.q and params.filters
    if not terms and not browse:
        return empty_response(params)
    answer = _from_engine(params, terms)
    if answer is not None:
        return answer
    if not terms:
        return _browse(params)
    found = match(params.q)
    start = (params.page - 1) * params.page_size
    if found.postgres_query:
        total, facets, records = postgres_search(
            found.postgres_query,
            params.filters,
            by_date=params.sort == "date",
            start=start,
            size=params.page_size,
        )
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
    themes = theme_summaries(records)
    term_set = set(terms)
    response["results"] = [result_entry(r, term_set, themes.get(r.pk, [])) for r in records]
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
                "type": sources[r.source].type_name if r.source in sources else r.source,
                "type_label": type_labels().get(r.source, r.source),
            }
            for r in records
        ],
    }
