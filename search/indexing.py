"""Keep `SearchRecord` rows and the search backends in step with what is public.

Publishing must never wait on, or fail because of, an external search server: every write
to a backend is wrapped, a failure is logged and the record is flagged `index_pending` so
that `manage.py search_index_drift --repair` catches it up later. The database backends
share the transaction of the publish and are written directly.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from wagtail.search.backends import get_search_backends_with_name

from .models import SearchRecord
from .registry import Source, get_source_for_model

logger = logging.getLogger(__name__)


def is_external(backend) -> bool:
    """Elasticsearch/OpenSearch: a remote service that may be down."""
    return hasattr(backend, "es")


def _backends():
    return list(get_search_backends_with_name(with_auto_update=False))


def index_records(records: list[SearchRecord]) -> list[str]:
    """Write `records` to every backend; return the names of the backends that failed."""
    if not records:
        return []
    failed = []
    for name, backend in _backends():
        try:
            backend.add_bulk(SearchRecord, records)
        except Exception:
            if not is_external(backend):
                raise
            logger.warning("Search backend %r unavailable: indexing deferred", name, exc_info=True)
            failed.append(name)
    SearchRecord.objects.filter(pk__in=[r.pk for r in records]).update(index_pending=bool(failed))
    return failed


def unindex_record(record: SearchRecord) -> None:
    for name, backend in _backends():
        try:
            backend.delete(record)
        except Exception:
            if not is_external(backend):
                raise
            # The drift command finds and removes what stays behind in the index.
            logger.warning("Search backend %r unavailable: removal deferred", name, exc_info=True)


def build_record(source: Source, obj: models.Model, record: SearchRecord) -> SearchRecord:
    """Fill `record` with what `source` reads from `obj` (not saved)."""
    record.source = source.key
    record.title = source.title(obj)[:1000]
    record.body = source.body(obj)
    record.url = (source.url(obj) or "")[:1000]
    record.date = source.date(obj)
    record.year = source.year(obj)
    record.region = source.region(obj) or ""
    record.reference_type = source.reference_type(obj) or ""
    return record


def save_record(source: Source, obj: models.Model) -> SearchRecord:
    """Create or update the record of one public object (database only, not the backends)."""
    content_type = ContentType.objects.get_for_model(source.model)
    record = SearchRecord.objects.filter(content_type=content_type, object_id=str(obj.pk)).first()
    record = build_record(source, obj, record or SearchRecord(content_type=content_type))
    record.object_id = str(obj.pk)
    record.save()
    record.themes.set(list(source.themes(obj)))
    record.organisations.set(list(source.organisations(obj)))
    return record


def delete_record(model: type[models.Model], pk) -> bool:
    content_type = ContentType.objects.get_for_model(model)
    record = SearchRecord.objects.filter(content_type=content_type, object_id=str(pk)).first()
    if record is None:
        return False
    unindex_record(record)
    record.delete()
    return True


def sync_object(obj: models.Model) -> None:
    """Bring the record of `obj` in line: present and indexed if public, gone otherwise."""
    model = type(obj)
    if hasattr(obj, "specific_class") and obj.specific_class:
        model = obj.specific_class
        obj = obj.specific
    source = get_source_for_model(model)
    if source is None:
        return
    if source.is_public(obj):
        obj = source.get_queryset().get(pk=obj.pk)
        index_records([save_record(source, obj)])
    else:
        delete_record(model, obj.pk)


def sync_source(source: Source, batch_size: int = 500) -> int:
    """Rebuild every record of a source (first indexing, repairs); returns the count."""
    count = 0
    public = source.get_queryset().order_by("pk")
    with transaction.atomic():
        for obj in public.iterator(chunk_size=batch_size):
            save_record(source, obj)
            count += 1
    content_type = ContentType.objects.get_for_model(source.model)
    public_ids = {str(pk) for pk in public.values_list("pk", flat=True)}
    for record in SearchRecord.objects.filter(content_type=content_type):
        if record.object_id not in public_ids:
            unindex_record(record)
            record.delete()
    records = SearchRecord.objects.filter(content_type=content_type).order_by("pk")
    batch: list[SearchRecord] = []
    for record in records.iterator(chunk_size=batch_size):
        batch.append(record)
        if len(batch) >= batch_size:
            index_records(batch)
            batch = []
    index_records(batch)
    return count
