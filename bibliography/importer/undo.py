"""Undo an import as a whole: delete the notices it created and restore those it updated.

Refused, naming them, when a notice was edited since (its latest revision is no longer the
import's) or when the user may not delete or change one of them; nothing is done unless
everything can be. One transaction: a failure leaves the import as it was.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from ..models import ImportBatch, ImportBatchEntry, Reference
from ..permissions import ReferencePermissionPolicy
from .history import IMPORT_UNDONE

# Named in a refusal; the others are counted.
NAMED_IN_REFUSAL = 20


class UndoRefused(Exception):
    """The import cannot be undone; the message says why, in French."""


@dataclass
class UndoResult:
    deleted: int
    restored: int


def blocking_entries(batch: ImportBatch, user) -> tuple[list[Reference], list[Reference]]:
    """Notices edited since the import, and notices the user may not undo."""
    policy = ReferencePermissionPolicy(Reference)
    edited, forbidden = [], []
    entries = batch.entries.select_related("reference").order_by("pk")
    for entry in entries:
        reference = entry.reference
        if reference is None:
            continue  # deleted since: nothing left to undo for it
        if reference.latest_revision_id != entry.revision_id:
            edited.append(reference)
        if user is not None and not _may_undo(policy, user, batch, entry, reference):
            forbidden.append(reference)
    return edited, forbidden


def _may_undo(policy, user, batch, entry, reference) -> bool:
    """Deleting a created notice needs the right to delete it, except for the editor who
    imported it while it is still an unpublished draft of theirs (editors may not delete
    notices otherwise); restoring an updated one needs the right to change it."""
    if entry.action == ImportBatchEntry.UPDATED:
        return policy.user_has_permission_for_instance(user, "change", reference)
    if batch.user_id == user.pk and not reference.live:
        return True
    return policy.user_has_permission_for_instance(user, "delete", reference)


def _names(references: list[Reference]) -> str:
    named = ", ".join(
        f"« {reference.title} » (n° {reference.pk})" for reference in references[:NAMED_IN_REFUSAL]
    )
    rest = len(references) - NAMED_IN_REFUSAL
    return named + (f" et {rest} autre(s)" if rest > 0 else "")


def undo_import(batch: ImportBatch, user=None) -> UndoResult:
    """Undo `batch` for `user` (None: the command line, allowed everything)."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.undone_at is not None:
            raise UndoRefused(f"Cet import a déjà été annulé le {batch.undone_at:%d/%m/%Y}.")
        edited, forbidden = blocking_entries(batch, user)
        if edited:
            raise UndoRefused(
                "Import non annulé : des notices ont été modifiées depuis l'import : "
                f"{_names(edited)}."
            )
        if forbidden:
            raise UndoRefused(
                "Import non annulé : vous ne pouvez pas modifier ou supprimer ces notices : "
                f"{_names(forbidden)}."
            )
        deleted = restored = 0
        for entry in batch.entries.select_related("reference", "previous_revision").order_by("pk"):
            reference = entry.reference
            if reference is None:
                continue
            if entry.action == ImportBatchEntry.CREATED:
                log(instance=reference, action="wagtail.delete", user=user, deleted=True)
                reference.delete()
                deleted += 1
            elif entry.previous_revision is not None:
                _restore(reference, entry, user)
                restored += 1
        batch.undone_at = timezone.now()
        batch.undone_by = user if user is not None and user.is_authenticated else None
        batch.save(update_fields=["undone_at", "undone_by"])
        log(
            instance=batch,
            action=IMPORT_UNDONE,
            user=user,
            data={"file": batch.file_name, "deleted": deleted, "restored": restored},
        )
    return UndoResult(deleted, restored)


def _restore(reference: Reference, entry: ImportBatchEntry, user) -> None:
    """The notice as it was before the import, published again if it was live then."""
    previous = entry.previous_revision.as_object()
    revision = previous.save_revision(
        user=user, previous_revision=entry.previous_revision, clean=False
    )
    if entry.previously_live:
        revision.publish(user=user)
    elif reference.live:
        previous.unpublish(user=user)
