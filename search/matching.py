"""The full-text part of a search on the database: which records match the query, with their
score. (With a search engine, `search.engine` answers the whole search instead; this is the
path without one, or when it is down.)"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from wagtail.search.backends import get_search_backend

from . import postgres, sqlite
from .models import SearchRecord


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
        # Only the query is used (`postgres.search_page`): no queryset built for nothing.
        return Match(SearchRecord.objects.none(), "database", "-_score", postgres_query=q)
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


def match(q: str) -> Match:
    """Run the full-text part on the database's search backend."""
    return _database_match(q)
