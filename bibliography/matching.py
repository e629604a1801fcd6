"""Duplicate detection keys: DOI (in lower case), ISBN, and normalised title + year + first author.

Plain functions, no Django: the importer and the model share them.
"""

import re
import unicodedata

from .identifiers import isbn13

_NON_WORD = re.compile(r"[\W_]+")


def normalise_isbn(value: str | None) -> str:
    """Digits only (and a final X), ISBN-10 converted to ISBN-13 so both forms match."""
    return isbn13(re.sub(r"[^0-9Xx]", "", value or "").upper())


def simplify(text: str | None) -> str:
    """Lower case, no accents, no punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def match_key(title: str, year: int | None, first_author: str) -> str:
    """The fallback duplicate key when a record has neither DOI nor ISBN."""
    return f"{simplify(title)}|{year or ''}|{simplify(first_author)}"[:255]
