"""Writing an import: each record becomes a notice (created in bulk or updated through a
revision), a duplicate skipped, or a rejection with its reason, all in one transaction.

Records are written in batches (bulk inserts), so memory stays flat in the file size. Each
record ends in exactly one outcome: the counts always add up to the number of records in the
file (`report.py`).
"""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from taggit.models import Tag
from wagtail.search.backends import get_search_backends

from core.bulk_insert import bulk_insert
from core.changes import Action, Batch, announce
from core.db_statistics import refresh_statistics
from core.models import Theme
from search.indexing import sync_on_commit

from ..formats import ParsedRecord
from ..mapping import MappingError
from ..matching import simplify
from ..models import ImportBatch, Reference, ReferenceContributor, ReferenceTag
from ..permissions import ReferencePermissionPolicy
from .history import close_batch, record_created, record_updated, revision_before_update
from .matching import (
    Candidate,
    InFileDuplicates,
    as_candidate,
    database_duplicate,
    existing_notices,
)
from .report import CREATED, DUPLICATE, REJECTED, UPDATED, ImportReport, RecordOutcome

SKIP, UPDATE = "skip", "update"
# Notices created or updated by one import from which the planner's statistics of the notices'
# tables are refreshed once it commits (core/db_statistics.py).
STATISTICS_REFRESH_ROWS = 500


def reference_tables() -> set[type[Model]]:
    """The notices' table and the tables that hang from it (contributors, tags, themes…)."""
    tables = {Reference, *(rel.related_model for rel in Reference._meta.related_objects)}
    tables.update(field.remote_field.through for field in Reference._meta.many_to_many)
    return tables


def _refresh_reference_statistics() -> None:
    refresh_statistics(reference_tables())


class Importer:
    """Turns parsed records into notices; `run()` does it all in one transaction."""

    def __init__(
        self,
        *,
        on_duplicate: str = SKIP,
        organisation=None,
        user=None,
        publish: bool = True,
        dry_run: bool = False,
        keep_rows: bool = True,
        batch_size: int = 500,
        progress: Callable[[int], None] | None = None,
        index_for_search: bool = True,
        file_name: str = "",
        file_format: str = "",
    ) -> None:
        if on_duplicate not in (SKIP, UPDATE):
            raise ValueError(on_duplicate)
        self.on_duplicate = on_duplicate
        self.organisation = organisation
        self.user = user if user is not None and user.is_authenticated else None
        self.policy = ReferencePermissionPolicy(Reference)
        # An editor who may not publish imports drafts, to go through « Validation des
        # notices »; imports without a user (the command) publish as asked.
        self.publish = publish and self._may(None, "publish")
        self.dry_run = dry_run
        self.keep_rows = keep_rows
        self.batch_size = batch_size
        self.progress = progress
        self.index_for_search = index_for_search
        self.report = ImportReport(dry_run=dry_run)
        self.in_file = InFileDuplicates()
        self.themes: dict[str, Theme] = {}
        for theme in Theme.objects.all():
            self.themes[simplify(theme.name)] = theme
            self.themes[simplify(theme.slug)] = theme
        self.tags: dict[str, Tag] = {}
        self.file_name = file_name or "fichier"
        self.file_format = file_format
        self.import_batch: ImportBatch | None = None
        self.batch: Batch | None = None

    def run(self, records: Iterable[ParsedRecord]) -> ImportReport:
        started = timezone.now()
        with transaction.atomic():
            if not self.dry_run:
                self.import_batch = ImportBatch.objects.create(
                    file_name=self.file_name[:255],
                    format=self.file_format,
                    user=self.user,
                    organisation=self.organisation,
                    published=self.publish,
                )
                self.batch = Batch(self.import_batch.pk, self.import_batch.label)
            batch: list[ParsedRecord] = []
            for record in records:
                batch.append(record)
                if len(batch) >= self.batch_size:
                    self._import_batch(batch)
                    batch = []
            if batch:
                self._import_batch(batch)
            if self.dry_run:
                transaction.set_rollback(True)
            else:
                close_batch(self.import_batch, self.report)
            if not self.dry_run and self.index_for_search:
                # Created notices are indexed batch by batch (`_create`); updated ones too
                # once the transaction commits, whatever the publishing signals did.
                changed = Reference.objects.filter(updated_at__gte=started, created_at__lt=started)
                sync_on_commit(Reference, changed.values_list("pk", flat=True))
            if self.report.counts[CREATED] + self.report.counts[UPDATED] >= STATISTICS_REFRESH_ROWS:
                # After the commit (a dry run rolls back, and this callback with it); the
                # import stands whatever happens to the statistics.
                transaction.on_commit(_refresh_reference_statistics, robust=True)
        self.report.rows.sort(key=lambda row: row.position)
        self.report.rejected.sort(key=lambda row: row.position)
        return self.report

    def _outcome(self, record: ParsedRecord, status: str, reason: str = "", pk=None) -> None:
        if record.warnings and status != REJECTED:
            reason = "; ".join(filter(None, [reason, *record.warnings]))
        outcome = RecordOutcome(record.position, record.label, status, reason, pk, record.warnings)
        self.report.add(outcome, self.keep_rows)
        if self.progress:
            self.progress(1)

    def _import_batch(self, batch: list[ParsedRecord]) -> None:
        candidates: list[Candidate] = []
        for record in batch:
            if record.error:
                self._outcome(record, REJECTED, record.error)
                continue
            try:
                candidates.append(as_candidate(record))
            except MappingError as exc:
                self._outcome(record, REJECTED, str(exc))
        existing = existing_notices(candidates)
        to_create: list[Candidate] = []
        for candidate in candidates:
            record = candidate.record
            in_file = self.in_file.earlier(candidate)
            if in_file is not None:
                self._outcome(
                    record, DUPLICATE, f"Doublon de la notice n° {in_file} du même fichier."
                )
                continue
            duplicate = database_duplicate(candidate, existing)
            if duplicate is None:
                to_create.append(candidate)
                continue
            reference, reason = duplicate
            if self.on_duplicate == SKIP:
                self._outcome(record, DUPLICATE, reason, reference.pk)
            elif reference.locked:
                self._outcome(record, REJECTED, f"{reason} Notice verrouillée : non modifiée.")
            elif not self._may(reference, "change"):
                self._outcome(
                    record,
                    REJECTED,
                    f"{reason} Notice détenue par {reference.organisation} : vous ne pouvez pas "
                    "la modifier.",
                )
            else:
                if not self.dry_run:
                    self._update(reference, candidate)
                self._outcome(record, UPDATED, reason, reference.pk)
        self._create(to_create)

    def _may(self, reference: Reference | None, action: str) -> bool:
        """The notices' permission policy applied to the importing user (an editor only
        changes their own structure's notices); imports without a user (the command) may all."""
        if self.user is None:
            return True
        if reference is None:
            return self.policy.user_has_permission(self.user, action)
        return self.policy.user_has_permission_for_instance(self.user, action, reference)

    def _themes_and_tags(self, keywords: list[str]) -> tuple[list[Theme], list[str]]:
        """Keywords naming a theme (by name or slug) become that theme, the others tags."""
        themes, tags = {}, []
        for keyword in keywords:
            theme = self.themes.get(simplify(keyword))
            if theme is not None:
                themes[theme.pk] = theme
            else:
                tags.append(keyword)
        return list(themes.values()), list(dict.fromkeys(tags))

    def _tag(self, name: str) -> Tag:
        if name not in self.tags:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag.objects.create(name=name)
            self.tags[name] = tag
        return self.tags[name]

    def _create(self, candidates: list[Candidate]) -> None:
        if not candidates:
            return
        now = timezone.now()
        references = [
            Reference(
                **c.values,
                organisation=self.organisation,
                created_by=self.user,
                created_at=now,
                live=self.publish,
                has_unpublished_changes=not self.publish,
                first_published_at=now if self.publish else None,
                last_published_at=now if self.publish else None,
            )
            for c in candidates
        ]
        if not self.dry_run:
            bulk_insert(Reference, references)
            contributors, theme_links, tag_links = [], [], []
            Through = Reference.themes.through
            for reference, candidate in zip(references, candidates, strict=True):
                people = [
                    ReferenceContributor(reference=reference, sort_order=order, **person)
                    for order, person in enumerate(candidate.contributors)
                ]
                themes, tag_names = self._themes_and_tags(candidate.keywords)
                tagged = [
                    ReferenceTag(content_object=reference, tag=self._tag(name))
                    for name in tag_names
                ]
                contributors += people
                theme_links += [Through(reference=reference, theme=theme) for theme in themes]
                tag_links += tagged
                # Kept in memory too (modelcluster), so indexing reads them without a query.
                reference.contributors = people
                reference.themes = themes
                reference.tagged_items = tagged
            bulk_insert(ReferenceContributor, contributors)
            bulk_insert(Through, theme_links)
            bulk_insert(ReferenceTag, tag_links)
            record_created(self.import_batch, references, self.user)
            if self.index_for_search:
                # Wagtail's own index of the notices (the admin's search).
                for backend in get_search_backends():
                    backend.add_bulk(Reference, references)
            # Bulk inserts send no signal: every reader (caches, search, webhooks) is told here.
            announce(
                Reference,
                Action.PUBLISH if self.publish else Action.SAVE,
                instances=references,
                batch=self.batch,
            )
        for reference, candidate in zip(references, candidates, strict=True):
            self._outcome(candidate.record, CREATED, "", reference.pk)

    def _update(self, reference: Reference, candidate: Candidate) -> None:
        """Replace the notice's data through a published revision, as an editor's save would,
        logged as the import's."""
        previous = revision_before_update(reference, self.user)
        previously_live = reference.live
        for name, value in candidate.values.items():
            setattr(reference, name, value)
        if self.organisation is not None:
            reference.organisation = self.organisation
        reference.contributors = [
            ReferenceContributor(sort_order=order, **person)
            for order, person in enumerate(candidate.contributors)
        ]
        themes, tags = self._themes_and_tags(candidate.keywords)
        reference.themes = themes
        reference.keywords.set(tags)
        revision = reference.save_revision(user=self.user, log_action=False)
        record_updated(self.import_batch, reference, revision, previous, previously_live, self.user)
        if (reference.live or self.publish) and self._may(reference, "publish"):
            revision.publish(user=self.user)


def import_records(records: Iterable[ParsedRecord], **options) -> ImportReport:
    return Importer(**options).run(records)
