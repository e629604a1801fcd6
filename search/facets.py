"""Facet filters and counts: every facet counted over the results narrowed by the other
facets' filters, in SQL (one query each), or read from PostgreSQL's one-query answer."""

from django.db.models import Count, F, QuerySet

from core.choices import Region

from . import postgres
from .models import SearchRecord
from .params import FACETS
from .registry import type_labels, type_name

ThroughTheme = SearchRecord.themes.through
ThroughOrganisation = SearchRecord.organisations.through


def apply_filters(queryset: QuerySet, filters: dict[str, list[str]], skip: str = "") -> QuerySet:
    """Narrow by every facet filter except `skip` (values within a facet are alternatives)."""
    for name, values in filters.items():
        if name == skip:
            continue
        if name == "type":
            queryset = queryset.filter(source__in=[value.lower() for value in values])
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
    labels = facet_labels(name)
    return [
        (str(row["value"]), labels.get(str(row["value"]), str(row["value"])), row["count"])
        for row in rows
    ]


def facet_labels(name: str) -> dict[str, str]:
    """Display labels of a facet's values where the value is a key (types, regions)."""
    if name == "type":
        return type_labels()
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
) -> tuple[int, dict[str, list[dict]], list[SearchRecord]]:
    """PostgreSQL: the total, the same facet counts as `facet_counts` and the page's records,
    in two queries."""
    by_key = filters
    if "type" in filters:  # records keep their source's key, `app.ModelName` in lower case
        by_key = {**filters, "type": [value.lower() for value in filters["type"]]}
    total, rows, records = postgres.search_page(
        q, by_key, list(FACETS), by_date=by_date, start=start, size=size
    )
    counts: dict[str, list[tuple[str, str, int]]] = {name: [] for name in FACETS}
    labels = {name: facet_labels(name) for name in FACETS}
    for name, value, label, count in rows:
        counts[name].append((value, label or labels[name].get(value, value), count))
    return total, shape_facets(counts, filters), records


def shape_facets(
    all_counts: dict[str, list[tuple[str, str, int]]], filters: dict[str, list[str]]
) -> dict[str, list[dict]]:
    """Sorted facet entries (years newest first, others most frequent first), with `selected`;
    types named as the API names them (`app.ModelName`)."""
    facets = {}
    for name in FACETS:
        counts = all_counts[name]
        selected = set(filters.get(name, []))
        if name == "type":  # records keep their source's key; the API speaks `app.ModelName`
            counts = [(type_name(value), label, count) for value, label, count in counts]
        if name == "year":
            counts.sort(key=lambda item: item[0], reverse=True)
        else:
            counts.sort(key=lambda item: (-item[2], item[1]))
        facets[name] = [
            {"value": value, "label": label, "count": count, "selected": value in selected}
            for value, label, count in counts
        ]
    return facets
