"""The full-text part of a search: which records match the query, with their score, on the
backend that answers (Elasticsearch/OpenSearch, or the database when it is down or absent)."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, FloatField, QuerySet, Value, When
from wagtail.search.backends import get_search_backend

from . import postgres, sqlite
from .indexing import is_external
from .models import SearchRecord

logger = logging.getLogger(__name__)

EXTERNAL_MAX_HITS = 1000


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


def database_backend():
    """The database's search backend, whatever the default one is."""
    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(name)


def _database_match(q: str) -> Match:
    if postgres.is_postgres():
        return Match(postgres.matching(q), "database", "-_score", postgres_query=q)
    backend = database_backend()
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
