"""Import notices from RIS, BibTeX or CSL-JSON files, in one transaction.

Records are read as a stream and written in batches (bulk inserts), so memory stays flat in
the file size. Each record ends in exactly one outcome (created, updated, duplicate skipped,
rejected with its reason): the counts always add up to the number of records in the file.
Duplicates are found by DOI, ISBN, or normalised title + year + first author, against the
database and against earlier records of the same file.
"""

import codecs
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from taggit.models import Tag
from wagtail.search.backends import get_search_backends

from core.bulk_insert import bulk_insert
from core.db_statistics import refresh_statistics
from core.models import Theme
from search.indexing import save_and_index, sync_on_commit
from search.registry import get_source_for_model

from .formats import ParsedRecord, bibtex, csljson, ris
from .mapping import MappingError, csl_to_values
from .matching import match_key, normalise_doi, normalise_isbn, simplify
from .models import Reference, ReferenceContributor, ReferenceTag
from .permissions import ReferencePermissionPolicy

CREATED, UPDATED, DUPLICATE, REJECTED = "created", "updated", "duplicate", "rejected"
STATUS_LABELS = {
    CREATED: "créée",
    UPDATED: "mise à jour",
    DUPLICATE: "doublon ignoré",
    REJECTED: "rejetée",
}
SKIP, UPDATE = "skip", "update"
# Notices created or updated by one import from which the planner's statistics of the notices'
# tables are refreshed once it commits (core/db_statistics.py).
STATISTICS_REFRESH_ROWS = 500
PARSERS = {"ris": ris.parse, "bibtex": bibtex.parse, "csljson": csljson.parse}
EXTENSIONS = {".ris": "ris", ".bib": "bibtex", ".bibtex": "bibtex", ".json": "csljson"}
SNIFF_SIZE = 64 * 1024
_MAX_LENGTHS = {
    field.name: field.max_length
    for field in Reference._meta.concrete_fields
    if getattr(field, "max_length", None)
}


def _digest(key: tuple[str, str]) -> bytes:
    return hashlib.blake2b("\x1f".join(key).encode(), digest_size=16).digest()


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message is in French, for the user."""


@dataclass
class RecordOutcome:
    position: int
    label: str
    status: str
    reason: str = ""
    reference_id: int | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class ImportReport:
    counts: Counter = field(default_factory=Counter)
    rows: list[RecordOutcome] = field(default_factory=list)
    rejected: list[RecordOutcome] = field(default_factory=list)
    dry_run: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, outcome: RecordOutcome, keep_row: bool) -> None:
        self.counts[outcome.status] += 1
        if keep_row:
            self.rows.append(outcome)
        elif outcome.status == REJECTED:
            self.rejected.append(outcome)

    def summary(self) -> str:
        return (
            f"{self.total} notice(s) lue(s) : {self.counts[CREATED]} créée(s), "
            f"{self.counts[UPDATED]} mise(s) à jour, {self.counts[DUPLICATE]} doublon(s) "
            f"ignoré(s), {self.counts[REJECTED]} rejetée(s)."
        )


# Reading files ---------------------------------------------------------------------------


def _check_not_binary(head: bytes) -> None:
    if not head.strip():
        raise ImportFileError("Le fichier est vide.")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            "Le fichier semble binaire : un fichier texte RIS, BibTeX ou CSL-JSON est attendu."
        )


def decode(data: bytes) -> str:
    """Text of an uploaded file: UTF-8 (with or without BOM), UTF-16 with BOM, or Latin-1."""
    _check_not_binary(data[:SNIFF_SIZE])
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _check_text(text)
        return text.lstrip("\ufeff")
    raise ImportFileError(
        "Impossible de lire le fichier : encodage non reconnu (UTF-8 ou Latin-1 attendu)."
    )


def _check_text(text: str) -> None:
    sample = text[:SNIFF_SIZE]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > len(sample) // 100:
        raise ImportFileError(
            "Le fichier semble binaire : un fichier texte RIS, BibTeX ou CSL-JSON est attendu."
        )


def file_encoding(path: Path) -> str:
    """Find the encoding of a file on disk by decoding it chunk by chunk (constant memory)."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_SIZE)
        _check_not_binary(head)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        try:
            while chunk := handle.read(1024 * 1024):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def detect_format(name: str, head: str) -> str:
    """The format named by the file's extension, or recognised from its first characters."""
    extension = Path(name or "").suffix.lower()
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    stripped = head.lstrip("\ufeff \r\n\t")
    if stripped.startswith(("[", "{")):
        return "csljson"
    if stripped.startswith(("@", "%")):
        return "bibtex"
    if ris._START.match(stripped) or "\nTY  -" in head:
        return "ris"
    raise ImportFileError(
        "Format non reconnu : choisissez RIS, BibTeX ou CSL-JSON (extensions .ris, .bib, .json)."
    )


def parse_text(text: str, fmt: str) -> Iterator[ParsedRecord]:
    if fmt == "ris":
        return ris.parse(text.splitlines())
    return PARSERS[fmt](text)


def parse_path(path: Path, fmt: str | None = None) -> tuple[str, Iterator[ParsedRecord]]:
    """Stream the records of a file on disk (RIS line by line; other formats read whole)."""
    encoding = file_encoding(path)
    with path.open(encoding=encoding, errors="strict") as handle:
        head = handle.read(SNIFF_SIZE)
    fmt = fmt or detect_format(path.name, head)
    if fmt not in PARSERS:
        raise ImportFileError(f"Format inconnu : {fmt}.")

    def records() -> Iterator[ParsedRecord]:
        with path.open(encoding=encoding, newline=None) as handle:
            if fmt == "ris":
                yield from ris.parse(handle)
            else:
                yield from PARSERS[fmt](handle.read())

    return fmt, records()


# Importing -------------------------------------------------------------------------------


@dataclass
class _Candidate:
    record: ParsedRecord
    values: dict
    contributors: list[dict]
    keywords: list[str]
    keys: list[tuple[str, str]]


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
        # Keys of the records already read, for in-file duplicates: kept as 16-byte digests
        # (collision-free in practice), the only thing that grows with the file's size.
        self.seen: dict[bytes, int] = {}
        self.themes: dict[str, Theme] = {}
        for theme in Theme.objects.all():
            self.themes[simplify(theme.name)] = theme
            self.themes[simplify(theme.slug)] = theme
        self.tags: dict[str, Tag] = {}

    def run(self, records: Iterable[ParsedRecord]) -> ImportReport:
        started = timezone.now()
        with transaction.atomic():
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
            elif self.index_for_search:
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
        self.report.add(
            RecordOutcome(record.position, record.label, status, reason, pk), self.keep_rows
        )
        if self.progress:
            self.progress(1)

    def _candidate(self, record: ParsedRecord) -> _Candidate:
        values, contributors, keywords = csl_to_values(record.csl or {})
        values["doi"] = normalise_doi(values["doi"])
        values["isbn"] = normalise_isbn(values["isbn"])
        first = next((c for c in contributors if c["role"] == "author"), None) or next(
            iter(contributors), None
        )
        full_title = (
            f"{values['title']} : {values['subtitle']}" if values["subtitle"] else (values["title"])
        )
        values["match_key"] = match_key(
            full_title, values["year"], (first["family"] or first["literal"]) if first else ""
        )
        self._check_lengths(values)
        keys = [
            ("doi", values["doi"]),
            ("isbn", values["isbn"]),
            ("match_key", values["match_key"]),
        ]
        return _Candidate(record, values, contributors, keywords, [k for k in keys if k[1]])

    @staticmethod
    def _check_lengths(values: dict) -> None:
        for name, value in values.items():
            limit = _MAX_LENGTHS.get(name)
            if limit and isinstance(value, str) and len(value) > limit:
                label = Reference._meta.get_field(name).verbose_name
                raise MappingError(f"Champ « {label} » trop long ({len(value)} > {limit}).")

    def _existing(self, candidates: list[_Candidate]) -> dict[tuple[str, str], Reference]:
        query = Q()
        for name in ("doi", "isbn", "match_key"):
            wanted = {value for c in candidates for key, value in c.keys if key == name}
            if wanted:
                query |= Q(**{f"{name}__in": wanted})
        found: dict[tuple[str, str], Reference] = {}
        if not query:
            return found
        # The holding structure is named in the reason of a refused update.
        for reference in (
            Reference.objects.filter(query).select_related("organisation").order_by("pk")
        ):
            for name in ("doi", "isbn", "match_key"):
                value = getattr(reference, name)
                if value:
                    found.setdefault((name, value), reference)
        return found

    def _import_batch(self, batch: list[ParsedRecord]) -> None:
        candidates: list[_Candidate] = []
        for record in batch:
            if record.error:
                self._outcome(record, REJECTED, record.error)
                continue
            try:
                candidates.append(self._candidate(record))
            except MappingError as exc:
                self._outcome(record, REJECTED, str(exc))
        existing = self._existing(candidates)
        to_create: list[_Candidate] = []
        for candidate in candidates:
            record = candidate.record
            digests = [_digest(key) for key in candidate.keys]
            in_file = next((self.seen[d] for d in digests if d in self.seen), None)
            if in_file is not None:
                self._outcome(
                    record, DUPLICATE, f"Doublon de la notice n° {in_file} du même fichier."
                )
                continue
            for digest in digests:
                self.seen[digest] = record.position
            match = next(((k, existing[k]) for k in candidate.keys if k in existing), None)
            if match is None:
                to_create.append(candidate)
                continue
            (key_name, _), reference = match
            why = {"doi": "DOI", "isbn": "ISBN", "match_key": "titre, année et premier auteur"}
            reason = f"Doublon de « {reference} » ({why[key_name]} identique)."
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

    def _create(self, candidates: list[_Candidate]) -> None:
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
            if self.index_for_search:
                for backend in get_search_backends():
                    backend.add_bulk(Reference, references)
                if self.publish:  # bulk writes send no publishing signal
                    save_and_index(get_source_for_model(Reference), references)
        for reference, candidate in zip(references, candidates, strict=True):
            self._outcome(candidate.record, CREATED, "", reference.pk)

    def _update(self, reference: Reference, candidate: _Candidate) -> None:
        """Replace the notice's data through a published revision, as an editor's save would."""
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
        revision = reference.save_revision(user=self.user)
        if (reference.live or self.publish) and self._may(reference, "publish"):
            revision.publish(user=self.user)


def import_records(records: Iterable[ParsedRecord], **options) -> ImportReport:
    return Importer(**options).run(records)
