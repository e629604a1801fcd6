"""An import's place in the notices' history: a first revision and an audit-log entry for each
notice it creates (written in bulk, like the notices), a logged revision for each it updates,
and the batch that lists them all (`ImportBatch`), from which the import can be undone.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision

from ..models import ImportBatch, ImportBatchEntry, Reference
from .report import CREATED, DUPLICATE, REJECTED, UPDATED, ImportReport

IMPORTED = "bibliography.import"
UPDATED_BY_IMPORT = "bibliography.import_update"
IMPORT_UNDONE = "bibliography.import_undone"


def log_data(batch: ImportBatch) -> dict:
    return {"file": batch.file_name, "by": batch.importer_name(), "batch": batch.pk}


def record_created(batch: ImportBatch, references: list[Reference], user) -> None:
    """First revision, audit-log entry and batch entry of notices just inserted in bulk."""
    if not references:
        return
    now = timezone.now()
    concrete_type = ContentType.objects.get_for_model(Reference)
    base_type = references[0].get_base_content_type()
    log_type = ContentType.objects.get_for_model(Reference, for_concrete_model=False)
    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=concrete_type,
            base_content_type=base_type,
            object_id=str(reference.pk),
            created_at=now,
            user=user,
            content=reference.serializable_data(),
            object_str=str(reference),
        )
        for reference in references
    )
    for reference, revision in zip(references, revisions, strict=True):
        reference.latest_revision = revision
        if reference.live:
            reference.live_revision = revision
    Reference.objects.bulk_update(references, ["latest_revision", "live_revision"])
    data = log_data(batch)
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=log_type,
            object_id=str(reference.pk),
            label=str(reference)[:255],
            action=IMPORTED,
            data=data,
            timestamp=now,
            uuid=uuid.uuid4(),
            user=user,
            revision=revision,
            content_changed=True,
        )
        for reference, revision in zip(references, revisions, strict=True)
    )
    ImportBatchEntry.objects.bulk_create(
        ImportBatchEntry(
            batch=batch, reference=reference, action=ImportBatchEntry.CREATED, revision=revision
        )
        for reference, revision in zip(references, revisions, strict=True)
    )


def revision_before_update(reference: Reference, user):
    """The revision an update by the import replaces: a notice never saved through revisions
    (older data, a script) gets one of its current state first, so that undoing can restore
    it."""
    if reference.latest_revision_id is None:
        return reference.save_revision(user=user, log_action=False, clean=False)
    return reference.latest_revision


def record_updated(
    batch: ImportBatch, reference: Reference, revision, previous, previously_live: bool, user
) -> None:
    log(
        instance=reference,
        action=UPDATED_BY_IMPORT,
        user=user,
        revision=revision,
        data=log_data(batch),
        content_changed=True,
    )
    ImportBatchEntry.objects.create(
        batch=batch,
        reference=reference,
        action=ImportBatchEntry.UPDATED,
        revision=revision,
        previous_revision=previous,
        previously_live=previously_live,
    )


def close_batch(batch: ImportBatch, report: ImportReport) -> None:
    """The counts and the per-record report (every record, or the rejected ones when the
    import kept no rows: a file of 50,000 notices)."""
    batch.created = report.counts[CREATED]
    batch.updated = report.counts[UPDATED]
    batch.duplicates = report.counts[DUPLICATE]
    batch.rejected = report.counts[REJECTED]
    rows = sorted(report.rows or report.rejected, key=lambda row: row.position)
    batch.report = [
        {
            "position": row.position,
            "label": row.label,
            "status": row.status,
            "reason": row.reason,
            "reference_id": row.reference_id,
        }
        for row in rows
    ]
    batch.save()
