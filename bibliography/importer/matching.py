"""Duplicate detection for an import: a record's keys (DOI, ISBN, or normalised title + year +
first author, see `bibliography/matching.py`) looked up among the notices in the database and
among the earlier records of the same file."""

import hashlib
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower

from ..formats import ParsedRecord
from ..identifiers import clean_doi, doi_key, is_doi, standard_numbers
from ..mapping import MappingError, csl_to_values
from ..matching import match_key
from ..models import Reference

KEY_NAMES = ("doi", "isbn", "match_key")
KEY_LABELS = {"doi": "DOI", "isbn": "ISBN", "match_key": "titre, année et premier auteur"}
_MAX_LENGTHS = {
    field.name: field.max_length
    for field in Reference._meta.concrete_fields
    if getattr(field, "max_length", None)
}


@dataclass
class Candidate:
    """A record read as a notice's field values, with the keys it is matched by."""

    record: ParsedRecord
    values: dict
    contributors: list[dict]
    keywords: list[str]
    keys: list[tuple[str, str]]


def as_candidate(record: ParsedRecord) -> Candidate:
    """The record's values and duplicate keys; `MappingError` if it cannot become a notice."""
    values, contributors, keywords = csl_to_values(record.csl or {})
    _standard_numbers(values, record.warnings)
    first = next((c for c in contributors if c["role"] == "author"), None) or next(
        iter(contributors), None
    )
    full_title = (
        f"{values['title']} : {values['subtitle']}" if values["subtitle"] else (values["title"])
    )
    values["match_key"] = match_key(
        full_title, values["year"], (first["family"] or first["literal"]) if first else ""
    )
    _check_lengths(values)
    keys = [("doi", doi_key(values["doi"])), ("match_key", values["match_key"])]
    if not is_part(values):
        keys.insert(1, ("isbn", values["isbn"]))
    return Candidate(record, values, contributors, keywords, [k for k in keys if k[1]])


def is_part(values) -> bool:
    """A chapter or an article: in a container, with pages. It carries its container's ISBN,
    which does not make it the same work as the book (nor as the other chapters)."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    return bool(get("container_title") and get("pages"))


def _standard_numbers(values: dict, warnings: list[str]) -> None:
    """DOI, ISBN and ISSN checked and sorted out; what is dropped is said in a warning."""
    doi = clean_doi(values["doi"])
    if doi and not is_doi(doi):
        warnings.append(f"DOI ignoré, « {doi} » n'est pas un DOI (10.xxxx/…).")
        doi = ""
    values["doi"] = doi
    numbers = standard_numbers(values["isbn"], values["issn"])
    values["isbn"] = numbers.isbns[0] if numbers.isbns else ""
    if numbers.isbns[1:]:
        warnings.append(f"Autres ISBN non gardés : {', '.join(numbers.isbns[1:])}.")
    issns, limit = [], _MAX_LENGTHS["issn"]
    for issn in numbers.issns:
        if len(", ".join([*issns, issn])) <= limit:
            issns.append(issn)
    values["issn"] = ", ".join(issns)
    if numbers.issns[len(issns) :]:
        warnings.append(f"Autres ISSN non gardés : {', '.join(numbers.issns[len(issns) :])}.")
    if numbers.invalid:
        warnings.append(f"ISBN ou ISSN invalide ignoré : {', '.join(numbers.invalid)}.")


def _check_lengths(values: dict) -> None:
    for name, value in values.items():
        limit = _MAX_LENGTHS.get(name)
        if limit and isinstance(value, str) and len(value) > limit:
            label = Reference._meta.get_field(name).verbose_name
            raise MappingError(f"Champ « {label} » trop long ({len(value)} > {limit}).")


def _digest(key: tuple[str, str]) -> bytes:
    return hashlib.blake2b("\x1f".join(key).encode(), digest_size=16).digest()


class InFileDuplicates:
    """The keys of the records already read, to find a record repeated within the file.

    Kept as 16-byte digests (collision-free in practice), the only thing of an import that
    grows with the file's size.
    """

    def __init__(self) -> None:
        self.seen: dict[bytes, int] = {}

    def earlier(self, candidate: Candidate) -> int | None:
        """The position of an earlier record sharing a key with `candidate`; if there is none,
        `candidate`'s keys are remembered for the records that follow."""
        digests = [_digest(key) for key in candidate.keys]
        earlier = next((self.seen[d] for d in digests if d in self.seen), None)
        if earlier is None:
            for digest in digests:
                self.seen[digest] = candidate.record.position
        return earlier


def existing_notices(candidates: list[Candidate]) -> dict[tuple[str, str], Reference]:
    """The notices of the database sharing a key with any candidate, by (key name, value)."""
    query = Q()
    for name in KEY_NAMES:
        wanted = {value for c in candidates for key, value in c.keys if key == name}
        if wanted:
            # DOIs compare in lower case (an index on LOWER(doi) serves this).
            query |= Q(**{f"{'doi_key' if name == 'doi' else name}__in": wanted})
    found: dict[tuple[str, str], Reference] = {}
    if not query:
        return found
    notices = Reference.objects.annotate(doi_key=Lower("doi")).filter(query)
    # The holding structure is named in the reason of a refused update.
    for reference in notices.select_related("organisation").order_by("pk"):
        for name in KEY_NAMES:
            value = getattr(reference, "doi_key" if name == "doi" else name)
            if value and not (name == "isbn" and is_part(reference)):
                found.setdefault((name, value), reference)
    return found


def database_duplicate(
    candidate: Candidate, existing: dict[tuple[str, str], Reference]
) -> tuple[Reference, str] | None:
    """The notice `candidate` duplicates (by its first key that matches) and why, or None."""
    match = next(((k, existing[k]) for k in candidate.keys if k in existing), None)
    if match is None:
        return None
    (key_name, _), reference = match
    return reference, f"Doublon de « {reference} » ({KEY_LABELS[key_name]} identique)."
