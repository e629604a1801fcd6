"""Duplicate detection keys: DOI, ISBN, and normalised title + year + first author.

Plain functions, no Django: the importer and the model share them.
"""

import re
import unicodedata

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")


def normalise_doi(value: str | None) -> str:
    """`https://doi.org/10.1000/XYZ` and `doi:10.1000/xyz` are the same DOI: `10.1000/xyz`."""
    value = (value or "").strip()
    return _DOI_PREFIX.sub("", value).strip().lower()


def normalise_isbn(value: str | None) -> str:
    """Digits only (and a final X), ISBN-10 converted to ISBN-13 so both forms match."""
    digits = re.sub(r"[^0-9Xx]", "", value or "").upper()
    if len(digits) == 10:
        core = "978" + digits[:9]
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(core))
        return core + str((10 - total % 10) % 10)
    return digits


def simplify(text: str | None) -> str:
    """Lower case, no accents, no punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def match_key(title: str, year: int | None, first_author: str) -> str:
    """The fallback duplicate key when a record has neither DOI nor ISBN."""
    return f"{simplify(title)}|{year or ''}|{simplify(first_author)}"[:255]
