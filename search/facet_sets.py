"""The `FacetSet` of each record: its (themes, organisations) pair as one shared row."""

from functools import reduce
from operator import or_

from django.db.models import Q

from .models import FacetSet, SearchRecord

Pair = tuple[tuple[int, ...], tuple[int, ...]]
CHUNK = 200

# Every pair read so far in this process, by id: a pair is never changed or deleted once
# written, and its id (from a sequence) never reused, so what is here stays true.
_known_pairs: dict[int, Pair] = {}


def pair(theme_ids, organisation_ids) -> Pair:
    return tuple(sorted(set(theme_ids))), tuple(sorted(set(organisation_ids)))


def _read(pairs: set[Pair]) -> dict[Pair, int]:
    found: dict[Pair, int] = {}
    ordered = sorted(pairs)
    for start in range(0, len(ordered), CHUNK):
        condition = reduce(
            or_,
            (
                Q(theme_ids=list(themes), organisation_ids=list(organisations))
                for themes, organisations in ordered[start : start + CHUNK]
            ),
        )
        for pk, themes, organisations in FacetSet.objects.filter(condition).values_list(
            "pk", "theme_ids", "organisation_ids"
        ):
            found[pair(themes, organisations)] = pk
    return found


def assign_facet_sets(records: list[SearchRecord]) -> None:
    """Set `facet_set_id` on `records` (not saved), creating the pairs not seen before.

    Concurrent writers may create the same pair: the unique constraint keeps one, and both
    read it back.
    """
    pairs = {pair(record.theme_ids, record.organisation_ids) for record in records}
    if not pairs:
        return
    known = _read(pairs)
    missing = pairs - known.keys()
    if missing:
        FacetSet.objects.bulk_create(
            [FacetSet(theme_ids=list(t), organisation_ids=list(o)) for t, o in sorted(missing)],
            ignore_conflicts=True,
        )
        known.update(_read(missing))
    for record in records:
        record.facet_set_id = known[pair(record.theme_ids, record.organisation_ids)]


def pairs_by_id(ids: set[int]) -> dict[int, Pair]:
    """The (themes, organisations) of each `FacetSet` id, read from the database only the first
    time this process meets the id (PostgreSQL's facet counts, `search.postgres`)."""
    missing = ids - _known_pairs.keys()
    if missing:
        for pk, themes, organisations in FacetSet.objects.filter(pk__in=missing).values_list(
            "pk", "theme_ids", "organisation_ids"
        ):
            _known_pairs[pk] = (tuple(themes), tuple(organisations))
    return _known_pairs
