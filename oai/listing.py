"""One page of a list (ListIdentifiers, ListRecords) by a stable key, and its size.

The key of a record is (datestamp, source rank, pk). A page holds the records after the
cursor's key, up to `PAGE_SIZE`, within [`start`, `before`): `before` is frozen when the
harvest begins (the request's `until`, or the time of the first request), so records
published during the harvest wait for the next one instead of shifting the pages.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from . import sources
from .sets import SetFilter

PAGE_SIZE = 100


@dataclass(frozen=True)
class Key:
    datestamp: datetime.datetime
    rank: int
    pk: int


@dataclass(frozen=True)
class Window:
    start: datetime.datetime | None
    before: datetime.datetime
    set_filter: SetFilter | None = None


@dataclass(frozen=True)
class Source:
    kind: str
    rank: int
    queryset: Callable[[], QuerySet]
    by_set: Callable[[QuerySet, SetFilter], QuerySet]


def _tombstones_by_set(queryset: QuerySet, set_filter: SetFilter) -> QuerySet:
    return queryset.filter(set_filter.tombstone_q())


SOURCES = (
    Source(sources.REFERENCE, 0, sources.reference_queryset, sources.filter_references_by_set),
    Source(sources.PAGE, 1, sources.page_queryset, sources.filter_pages_by_set),
    Source("deleted", 2, sources.tombstone_queryset, _tombstones_by_set),
)


def _windowed(source: Source, window: Window) -> QuerySet:
    queryset = source.queryset().filter(oai_datestamp__lt=window.before)
    if window.start is not None:
        queryset = queryset.filter(oai_datestamp__gte=window.start)
    if window.set_filter is not None:
        if window.set_filter.matches_nothing:
            return queryset.none()
        queryset = source.by_set(queryset, window.set_filter)
    return queryset


def _after(source: Source, key: Key) -> Q:
    later = Q(oai_datestamp__gt=key.datestamp)
    if source.rank < key.rank:
        return later
    if source.rank > key.rank:
        return Q(oai_datestamp__gte=key.datestamp)
    return later | Q(oai_datestamp=key.datestamp, pk__gt=key.pk)


def count(window: Window) -> int:
    return sum(_windowed(source, window).count() for source in SOURCES)


def page(window: Window, after: Key | None, size: int | None = None) -> tuple[list, bool]:
    """Up to `size` (`PAGE_SIZE`) (key, source) after `after`, and whether more follow."""
    size = size or PAGE_SIZE
    rows = []
    for source in SOURCES:
        queryset = _windowed(source, window)
        if after is not None:
            queryset = queryset.filter(_after(source, after))
        found = queryset.order_by("oai_datestamp", "pk").values_list("oai_datestamp", "pk")
        rows += [(Key(stamp, source.rank, pk), source) for stamp, pk in found[: size + 1]]
    rows.sort(key=lambda row: (row[0].datestamp, row[0].rank, row[0].pk))
    return rows[:size], len(rows) > size
