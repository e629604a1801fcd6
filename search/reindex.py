"""Rebuild the engine's record index with no downtime: searches and writes go to an alias.

The records index is reached through Wagtail's index name (`<prefix>_sitesearch_searchrecord`),
which is an alias of a dated index. A rebuild creates a new index with the current settings
and mapping, fills it from the database in a stream (batches read with a server-side cursor
and sent with the bulk API, one batch in flight while the next is built: memory stays flat
whatever the number of records), then swaps the alias in one atomic `_aliases` call and drops
the old index. Searches keep being answered by the old index until the swap, then by the new
one.

Writes during the fill go to the old index through the alias; once the alias is swapped, the
records changed since the fill began are sent again, and documents of records deleted
meanwhile are removed, so nothing written during the rebuild is lost.

The first rebuild of an index created under the alias's own name (before aliases) removes
that index and adds the alias in the same atomic call.
"""

import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from django.utils import timezone

from .indexing import index_records, is_external
from .models import SearchRecord

BATCH_SIZE = 1000
# A bulk request of a thousand documents takes longer than a search's timeout.
REBUILD_TIMEOUT = 60


@dataclass
class Rebuilt:
    alias: str
    index: str
    dropped: list[str]
    documents: int
    seconds: float
    caught_up: int = 0
    removed: int = 0

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def engine_backend(**options):
    """The Elasticsearch/OpenSearch backend configured (with `options`), or None."""
    from wagtail.search.backends import get_search_backend, get_search_backends_with_name

    for name, backend in get_search_backends_with_name(with_auto_update=False):
        if is_external(backend):
            return get_search_backend(name, **options) if options else backend
    return None


def _indices(backend):
    return backend.es.indices


def _update_aliases(backend, actions: list[dict]) -> None:
    if backend.use_new_elasticsearch_api:
        _indices(backend).update_aliases(actions=actions)
    else:
        _indices(backend).update_aliases(body={"actions": actions})


def _put_settings(backend, index: str, settings: dict) -> None:
    if backend.use_new_elasticsearch_api:
        _indices(backend).put_settings(index=index, settings=settings)
    else:
        _indices(backend).put_settings(index=index, body=settings)


def aliased_indices(backend, alias: str) -> list[str]:
    """The indices behind `alias` (none if it is not an alias)."""
    if not _indices(backend).exists_alias(name=alias):
        return []
    return sorted(_indices(backend).get_alias(name=alias))


def indexed_ids(backend, index: str) -> Iterator[int]:
    """Every document id of `index`, by a scroll without the documents' source."""
    if backend.use_new_elasticsearch_api:
        from elasticsearch.helpers import scan
    else:
        from opensearchpy.helpers import scan
    hits = scan(backend.es, index=index, query={"query": {"match_all": {}}, "_source": False})
    for hit in hits:
        yield int(hit["_id"])


def _documents(mapping, index: str, batch_size: int) -> Iterator[list[dict]]:
    records = SearchRecord.objects.defer("search_vector").order_by("pk")
    batch: list[dict] = []
    for record in records.iterator(chunk_size=batch_size):
        batch.append({"_id": mapping.get_document_id(record), **mapping.get_document(record)})
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _sent(future: Future, size: int, progress: Callable[[int], None] | None) -> int:
    future.result()  # a failed bulk request stops the rebuild
    if progress:
        progress(size)
    return size


def rebuild(
    backend=None, *, batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None
) -> Rebuilt:
    """New index, filled in a stream, alias swapped, old index dropped; see the module doc."""
    backend = backend or engine_backend(TIMEOUT=REBUILD_TIMEOUT)
    if backend is None:
        raise RuntimeError("No search engine configured (ELASTICSEARCH_URL or OPENSEARCH_URL).")
    alias = backend.get_index_for_model(SearchRecord).name
    name = f"{alias}_{timezone.now():%Y%m%d%H%M%S%f}"
    new = backend.index_class(backend, name)
    new.put()
    new.add_model(SearchRecord)
    # No refresh while filling (one at the end): bulk writes go faster.
    _put_settings(backend, name, {"index": {"refresh_interval": "-1"}})
    started_at = timezone.now()
    started = time.monotonic()
    mapping = backend.mapping_class(SearchRecord)
    documents = 0
    try:
        # One batch in flight while the next one is read and built: the database, Python and
        # the engine work at the same time; at most two batches are in memory.
        with ThreadPoolExecutor(max_workers=1) as sender:
            in_flight: tuple[Future, int] | None = None
            for batch in _documents(mapping, name, batch_size):
                if in_flight:
                    documents += _sent(*in_flight, progress)
                in_flight = (sender.submit(backend.bulk, backend.es, batch, index=name), len(batch))
            if in_flight:
                documents += _sent(*in_flight, progress)
        _put_settings(backend, name, {"index": {"refresh_interval": None}})
        new.refresh()
    except BaseException:
        new.delete()
        raise
    old = aliased_indices(backend, alias)
    actions: list[dict] = [{"remove": {"index": index, "alias": alias}} for index in old]
    if not old and _indices(backend).exists(index=alias):
        actions.append({"remove_index": {"index": alias}})  # an index of the alias's name
    actions.append({"add": {"index": name, "alias": alias}})
    _update_aliases(backend, actions)
    for index in old:
        _indices(backend).delete(index=index)
    report = Rebuilt(alias, name, old, documents, time.monotonic() - started)
    report.caught_up, report.removed = catch_up(backend, name, started_at)
    return report


def catch_up(backend, index: str, since) -> tuple[int, int]:
    """After the swap: send again what changed since `since`, drop documents of deleted
    records. Returns (records sent, documents removed)."""
    changed = list(SearchRecord.objects.filter(updated_at__gte=since).order_by("pk"))
    for start in range(0, len(changed), BATCH_SIZE):
        index_records(changed[start : start + BATCH_SIZE], database=False)
    SearchRecord.objects.filter(index_pending=True, updated_at__lt=since).update(
        index_pending=False
    )
    removed = remove_orphans(backend, index)
    return len(changed), removed


def remove_orphans(backend, index: str) -> int:
    """Delete the documents of `index` whose record no longer exists; returns their count."""
    known = set(SearchRecord.objects.values_list("pk", flat=True))
    orphans = [pk for pk in indexed_ids(backend, index) if pk not in known]
    if orphans:
        backend.bulk(
            backend.es,
            [{"_op_type": "delete", "_id": str(pk)} for pk in orphans],
            index=index,
            raise_on_error=False,
        )
        _indices(backend).refresh(index=index)
    return len(orphans)
