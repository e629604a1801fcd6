"""Bibliographic file formats, all read into and written from CSL-JSON dicts.

Each module offers `parse(lines_or_text)` yielding `ParsedRecord` (one per record found in the
file, valid or not, so counts always add up) and `dumps(items)` returning the file's text.
No Django here.
"""

import re
from dataclasses import dataclass, field


@dataclass
class ParsedRecord:
    """One record of a file: its CSL-JSON dict, or the reason it cannot be read."""

    position: int
    csl: dict | None = None
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.csl and self.csl.get("title"):
            return str(self.csl["title"])[:200]
        return f"Notice n° {self.position}"


FORMATS = {
    "ris": ("RIS", "application/x-research-info-systems", "ris"),
    "bibtex": ("BibTeX", "application/x-bibtex", "bib"),
    "csljson": ("CSL-JSON", "application/vnd.citationstyles.csl+json", "json"),
}


# Seasons as CSL-JSON numbers them in a date's month position (21–24, or 13–16), and their
# names in the files seen: kept as text, in French when the file gives a number.
SEASON_NUMBERS = {1: "printemps", 2: "été", 3: "automne", 4: "hiver"}
_DATE_SEPARATOR = re.compile(r"[/\-. ]")


def season_name(value) -> str:
    """`21`, `13`, `"1"` → « printemps »; a season written out is kept as written."""
    text = str(value).strip()
    if text.isdigit():
        number = int(text)
        number = number - 20 if number > 20 else number - 12 if number > 12 else number
        return SEASON_NUMBERS.get(number, "")
    return text[:30]


def date_parts(parts: list[int]) -> tuple[list[int], str]:
    """Valid date parts (a year, a month, a day, as far as known) and the season that a
    month of 13–16 or 21–24 stands for. Years may be negative (BC), never 0."""
    season = ""
    if not parts or not parts[0] or not -10000 < parts[0] < 10000:
        return [], ""
    if len(parts) > 1 and parts[1] > 12:
        season = season_name(parts[1])
        parts = parts[:1]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        parts = parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        parts = parts[:2]
    return parts[:3], season


def parse_date(value: str) -> dict:
    """`2016`, `2016/06/15/`, `2016-06`, `2019///Spring`, `-0044`, `2019-21` → a CSL date
    (`date-parts`, and `season` when there is one); {} when no year is found."""
    text = (value or "").strip()
    sign = -1 if text.startswith("-") else 1
    pieces = _DATE_SEPARATOR.split(text.lstrip("-"))
    parts: list[int] = []
    for piece in pieces[:3]:
        if not piece.isdigit():
            break
        parts.append(int(piece))
    words = [p for p in pieces[len(parts) :] if p and not p.isdigit()]
    if parts:
        parts[0] *= sign
    parts, season = date_parts(parts)
    if not parts:
        return {}
    date: dict = {"date-parts": [parts]}
    if season or words:
        date["season"] = season or season_name(" ".join(words))
    return date


def parse_date_parts(value: str) -> list[int]:
    """`2016`, `2016/06/15/`, `2016-06`, `2016/06//spring` → [2016, 6, 15] (as far as known)."""
    return parse_date(value).get("date-parts", [[]])[0]


def split_pages(value: str) -> tuple[str, str]:
    start, _, end = (value or "").replace("–", "-").partition("-")
    return start.strip(), end.strip("- ").strip()
