"""Compare what is public with what the search holds, per source and per backend.

Missing: public objects without a record, or whose record a backend does not hold.
Stale: records (or backend documents) of objects no longer public, records older than their
object's last change or without their facets' pair (`FacetSet`), and records flagged
`index_pending` after a search server failure.
Orphans: documents of the engine's index whose record no longer exists (a removal the engine
missed while it was down).
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import DraftStateMixin, Page
from wagtail.search.backends import get_search_backends_with_name

from .indexing import index_records, is_external, save_record, unindex_record
from .models import SearchRecord
from .registry import Source, get_sources


@dataclass
class Drift:
    source: str
    backend: str
    missing: set[str] = field(default_factory=set)
    stale: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.stale


def _changed_since_indexed(source: Source, records: models.QuerySet) -> set[str]:
    """Object ids whose last publication is newer than their record (pages, notices…)."""
    if not issubclass(source.model, Page | DraftStateMixin):
        return set()
    published = dict(source.get_queryset().values_list("pk", "last_published_at"))
    return {
        record.object_id
        for record in records.only("object_id", "updated_at")
        if (when := published.get(int(record.object_id))) and when > record.updated_at
    }


def _without_pair(records: models.QuerySet) -> set[str]:
    """Records whose (themes, organisations) pair is not written (PostgreSQL's list facets
    would leave them out): a record written by something other than `search.indexing`."""
    return set(records.filter(facet_set__isnull=True).values_list("object_id", flat=True))


def _external_ids(backend, records: models.QuerySet) -> set[int]:
    """Record ids present in the search server's index (only those of `records`)."""
    ids = list(records.values_list("pk", flat=True))
    index = backend.get_index_for_model(SearchRecord)
    present: set[int] = set()
    for start in range(0, len(ids), 1000):
        chunk = [str(pk) for pk in ids[start : start + 1000]]
        answer = backend.es.mget(index=index.name, body={"ids": chunk}, _source=False)
        present.update(int(doc["_id"]) for doc in answer["docs"] if doc.get("found"))
    return present


def _database_ids(records: models.QuerySet) -> set[int]:
    from modelsearch.conf import get_app_config

    index_entry = get_app_config().get_model("IndexEntry")
    content_type = ContentType.objects.get_for_model(SearchRecord)
    ids = index_entry.objects.filter(content_type=content_type).values_list("object_id", flat=True)
    return {int(pk) for pk in ids} & set(records.values_list("pk", flat=True))


def check(source: Source) -> list[Drift]:
    """The drift of one source: records first, then each backend."""
    content_type = ContentType.objects.get_for_model(source.model)
    records = SearchRecord.objects.filter(content_type=content_type)
    public_ids = {str(pk) for pk in source.get_queryset().values_list("pk", flat=True)}
    record_ids = dict(records.values_list("object_id", "pk"))
    drifts = [
        Drift(
            source.key,
            "records",
            missing=public_ids - set(record_ids),
            stale=(set(record_ids) - public_ids)
            | _changed_since_indexed(source, records)
            | _without_pair(records),
        )
    ]
    by_pk = {pk: object_id for object_id, pk in record_ids.items()}
    for name, backend in get_search_backends_with_name(with_auto_update=False):
        try:
            present = (
                _external_ids(backend, records) if is_external(backend) else _database_ids(records)
            )
        except Exception as exc:
            drifts.append(Drift(source.key, f"{name} (injoignable : {exc.__class__.__name__})"))
            continue
        pending = set(records.filter(index_pending=True).values_list("object_id", flat=True))
        drifts.append(
            Drift(
                source.key,
                name,
                missing={by_pk[pk] for pk in set(by_pk) - present},
                stale=pending if is_external(backend) else set(),
            )
        )
    return drifts


def repair(source: Source, drifts: list[Drift]) -> None:
    """Re-save and re-index what drifted; remove records of objects no longer public."""
    content_type = ContentType.objects.get_for_model(source.model)
    to_index = set()
    for drift in drifts:
        to_index |= drift.missing | drift.stale
    public = source.get_queryset()
    for record in SearchRecord.objects.filter(content_type=content_type, object_id__in=to_index):
        if not public.filter(pk=record.object_id).exists():
            unindex_record(record)
            record.delete()
    objects = public.filter(pk__in=[pk for pk in to_index if pk.isdigit()])
    index_records([save_record(source, obj) for obj in objects])


def check_all() -> list[Drift]:
    return [drift for source in get_sources().values() for drift in check(source)]


def orphan_records() -> models.QuerySet:
    """Records whose type is no longer a source (an app removed, a model renamed)."""
    return SearchRecord.objects.exclude(source__in=list(get_sources()))


def engine_orphans() -> list[int]:
    """Ids of the engine's documents without a record (none without an engine)."""
    from .reindex import engine_backend, indexed_ids

    backend = engine_backend()
    if backend is None:
        return []
    known = set(SearchRecord.objects.values_list("pk", flat=True))
    index = backend.get_index_for_model(SearchRecord).name
    return [pk for pk in indexed_ids(backend, index) if pk not in known]


def remove_engine_orphans() -> int:
    from .reindex import engine_backend, remove_orphans

    backend = engine_backend()
    if backend is None:
        return 0
    return remove_orphans(backend, backend.get_index_for_model(SearchRecord).name)
