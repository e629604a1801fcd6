"""Keep `SearchRecord` rows and the search backends in step with what is public.

Publishing must never wait on, or fail because of, an external search server: every write
to a backend is wrapped, a failure is logged and the record is flagged `index_pending` so
that `manage.py search_index_drift --repair` catches it up later. The database backends
share the transaction of the publish and are written directly.
"""

import logging
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backends_with_name

from core.bulk_insert import bulk_insert

from .facet_sets import assign_facet_sets
from .models import SearchRecord
from .registry import Source, get_source_for_model

logger = logging.getLogger(__name__)

ThroughTheme = SearchRecord.themes.through
ThroughOrganisation = SearchRecord.organisations.through
RECORD_FIELDS = [
    "source",
    "title",
    "body",
    "url",
    "date",
    "year",
    "region",
    "reference_type",
    "boost",
    "theme_ids",
    "organisation_ids",
    "facet_set",
    "updated_at",
]


def is_external(backend) -> bool:
    """Elasticsearch/OpenSearch: a remote service that may be down."""
    return hasattr(backend, "es")


def _backends():
    return list(get_search_backends_with_name(with_auto_update=False))


def index_records(
    records: list[SearchRecord], *, database: bool = True, external: bool = True
) -> list[str]:
    """Write `records` to every backend; return the names of the backends that failed.

    With `external=False` the search servers are left out and the records stay
    `index_pending` for them; `database=False` leaves out the database backends, already
    written (see `save_and_index`).
    """
    if not records:
        return []
    failed = []
    for name, backend in _backends():
        remote = is_external(backend)
        if remote and not external:
            failed.append(name)  # not sent yet: the records stay pending for it
            continue
        if not remote and not database:
            continue
        try:
            backend.add_bulk(SearchRecord, records)
        except Exception:
            if not is_external(backend):
                raise
            logger.warning("Search backend %r unavailable: indexing deferred", name, exc_info=True)
            failed.append(name)
    # Only the rows whose flag changes: rewriting every row would leave a dead row version each.
    SearchRecord.objects.filter(pk__in=[r.pk for r in records]).exclude(
        index_pending=bool(failed)
    ).update(index_pending=bool(failed))
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
    record.boost = source.boost
    record.theme_ids = sorted({item.pk for item in source.themes(obj) if item is not None})
    record.organisation_ids = sorted(
        {item.pk for item in source.organisations(obj) if item is not None}
    )
    return record


def save_record(source: Source, obj: models.Model) -> SearchRecord:
    """Create or update the record of one public object (database only, not the backends)."""
    return save_records(source, [obj])[0]


def save_records(source: Source, objs: list[models.Model]) -> list[SearchRecord]:
    """Create or update the records of public objects in a few bulk queries (no backends)."""
    if not objs:
        return []
    content_type = ContentType.objects.get_for_model(source.model)
    existing = {
        record.object_id: record
        for record in SearchRecord.objects.filter(
            content_type=content_type, object_id__in=[str(obj.pk) for obj in objs]
        )
    }
    now = timezone.now()
    records, new = [], []
    for obj in objs:
        record = existing.get(str(obj.pk)) or SearchRecord(content_type=content_type)
        record.object_id = str(obj.pk)
        record.updated_at = now
        build_record(source, obj, record)
        records.append(record)
        if record.pk is None:
            new.append(record)
    assign_facet_sets(records)
    bulk_insert(SearchRecord, new)
    changed = [record for record in records if record.object_id in existing]
    SearchRecord.objects.bulk_update(changed, RECORD_FIELDS)
    _set_links(ThroughTheme, "theme_id", records, "theme_ids")
    _set_links(ThroughOrganisation, "organisation_id", records, "organisation_ids")
    return records


def _set_links(through, column: str, records: list[SearchRecord], ids: str) -> None:
    """Replace the many-to-many links of `records` (themes, organisations) in two queries."""
    through.objects.filter(searchrecord_id__in=[r.pk for r in records]).delete()
    through.objects.bulk_create(
        [
            through(searchrecord_id=record.pk, **{column: pk})
            for record in records
            for pk in getattr(record, ids)
        ],
        ignore_conflicts=True,
    )


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


def sync_objects(model: type[models.Model], pks: Iterable, batch_size: int = 500) -> int:
    """Bring the records of many objects of `model` in line, in batches; returns the public count.

    For bulk writers (imports) that bypass the publishing signals.
    """
    source = get_source_for_model(model)
    if source is None:
        return 0
    pks = list(dict.fromkeys(pks))
    count = 0
    for start in range(0, len(pks), batch_size):
        chunk = pks[start : start + batch_size]
        objs = list(source.get_queryset().filter(pk__in=chunk))
        index_records(save_records(source, objs))
        count += len(objs)
        public = {str(obj.pk) for obj in objs}
        for pk in chunk:
            if str(pk) not in public:
                delete_record(model, pk)
    return count


def sync_page_tree(page_id: int) -> int:
    """Bring in line the records of a page and of every page below it; returns the public count.

    A view restriction (password, login, groups) added to or removed from a page changes what
    is public in its whole subtree without saving any of those pages.
    """
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:  # deleted with its restriction: the page's own deletion unindexed it
        return 0
    by_type: dict[int, list[int]] = {}
    for pk, content_type_id in Page.objects.descendant_of(page, inclusive=True).values_list(
        "pk", "content_type_id"
    ):
        by_type.setdefault(content_type_id, []).append(pk)
    count = 0
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            count += sync_objects(model, pks)
    return count


def save_and_index(source: Source, objs: list[models.Model]) -> None:
    """Records of public objects written in bulk (an import), inside the writer's transaction.

    `objs` are the instances in memory, their related objects already set, so that nothing is
    read back. The database backends are written at once: they share the transaction, and a
    rolled-back import leaves no record behind. A search server is sent the records only once
    the transaction commits (read back by key, in batches).
    """
    records = save_records(source, objs)
    if any(is_external(backend) for _, backend in _backends()):
        index_records(records, external=False)
        pks = [record.pk for record in records]
        transaction.on_commit(
            lambda: index_records(
                list(SearchRecord.objects.filter(pk__in=pks).order_by("pk")), database=False
            )
        )
    else:
        index_records(records)


def sync_on_commit(model: type[models.Model], pks: Iterable) -> None:
    """Run `sync_objects` once the current transaction commits (at once outside of one)."""
    pks = list(pks)
    transaction.on_commit(lambda: sync_objects(model, pks))


def sync_source(source: Source, batch_size: int = 500) -> int:
    """Rebuild every record of a source (first indexing, repairs); returns the count."""
    public = source.get_queryset().order_by("pk")
    count = 0
    with transaction.atomic():
        batch: list[models.Model] = []
        for obj in public.iterator(chunk_size=batch_size):
            batch.append(obj)
            if len(batch) >= batch_size:
                save_records(source, batch)
                count += len(batch)
                batch = []
        save_records(source, batch)
        count += len(batch)
    content_type = ContentType.objects.get_for_model(source.model)
    public_ids = {str(pk) for pk in public.values_list("pk", flat=True)}
    for record in SearchRecord.objects.filter(content_type=content_type):
        if record.object_id not in public_ids:
            unindex_record(record)
            record.delete()
    records = SearchRecord.objects.filter(content_type=content_type).order_by("pk")
    batch = []
    for record in records.iterator(chunk_size=batch_size):
        batch.append(record)
        if len(batch) >= batch_size:
            index_records(batch)
            batch = []
    index_records(batch)
    return count
