"""Standard numbers of a notice: ISBN, ISSN and DOI, recognised by their shape and checksum.

Catalogues put ISSNs in the ISBN field (RIS has one `SN` tag for both), several numbers in one
field, and words (« DOI ») where a number should be: the numbers are sorted out here, so that a
wrong one never joins two different works. Plain functions, no Django.
"""

import re
from dataclasses import dataclass, field

_NUMBER = re.compile(r"[0-9](?:-?[0-9])*(?:-?[Xx])?")
_DOI_PREFIX = re.compile(
    r"^(?:(?:https?://)?(?:dx\.)?doi\.org/|doi\s*:?\s*(?=10\.)|doi\s*:\s*)", re.IGNORECASE
)
_DOI = re.compile(r"^10\.\d+(?:\.\d+)*/\S+$")


def _isbn10_ok(digits: str) -> bool:
    total = sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits))
    return "X" not in digits[:-1] and total % 11 == 0


def _isbn13_ok(digits: str) -> bool:
    if not digits.isdigit() or not digits.startswith(("978", "979")):
        return False
    return sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0


def _issn_ok(digits: str) -> bool:
    if "X" in digits[:-1]:
        return False
    total = sum((8 - i) * int(d) for i, d in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def isbn13(digits: str) -> str:
    """A valid ISBN-10 as its ISBN-13 (both forms of a book then match)."""
    if len(digits) != 10:
        return digits
    core = "978" + digits[:9]
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(core))
    return core + str((10 - total % 10) % 10)


@dataclass
class StandardNumbers:
    """The ISBNs (as ISBN-13) and ISSNs (as `1234-5678`) found in some text, and the rest."""

    isbns: list[str] = field(default_factory=list)
    issns: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)


def _classify(digits: str) -> tuple[str, str] | None:
    if len(digits) == 13 and _isbn13_ok(digits):
        return "isbn", digits
    if len(digits) == 10 and _isbn10_ok(digits):
        return "isbn", isbn13(digits)
    if len(digits) == 8 and _issn_ok(digits):
        return "issn", f"{digits[:4]}-{digits[4:]}"
    return None


def standard_numbers(*texts: str) -> StandardNumbers:
    """Every ISBN and ISSN in `texts`, whatever field they came from, in order.

    Numbers are runs of digits and hyphens; runs split by spaces (`978 2 7071 …`) are joined
    when together they make a valid number.
    """
    found = StandardNumbers()
    for text in texts:
        runs = [m.group() for m in _NUMBER.finditer(text or "")]
        position = 0
        while position < len(runs):
            digits, match = "", None
            for end in range(position, len(runs)):
                digits += runs[end].replace("-", "").upper()
                if len(digits) > 13:
                    break
                kind = _classify(digits)
                if kind:
                    match = (kind, end)
            if match is None:
                if len(runs[position].replace("-", "")) >= 8:
                    found.invalid.append(runs[position])
                position += 1
                continue
            (kind, value), end = match
            target = found.isbns if kind == "isbn" else found.issns
            if value not in target:
                target.append(value)
            position = end + 1
        if text and text.strip() and not _NUMBER.search(text):
            found.invalid.append(text.strip())
    return found


def clean_doi(value: str | None) -> str:
    """A DOI as given, without `doi:`, `https://doi.org/` or white space (the case is kept:
    DOIs are case-insensitive, and compared in lower case, see `doi_key`)."""
    return _DOI_PREFIX.sub("", (value or "").strip()).strip()


def is_doi(value: str) -> bool:
    """`10.<registrant>/<suffix>`: what a DOI looks like (the word « DOI » does not)."""
    return bool(_DOI.match(value))


def doi_key(value: str | None) -> str:
    return clean_doi(value).lower()
