"""Bibliographic file formats, all read into and written from CSL-JSON dicts.

Each module offers `parse(lines_or_text)` yielding `ParsedRecord` (one per record found in the
file, valid or not, so counts always add up) and `dumps(items)` returning the file's text.
No Django here.
"""

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


def parse_date_parts(value: str) -> list[int]:
    """`2016`, `2016/06/15/`, `2016-06`, `2016/06//spring` → [2016, 6, 15] (as far as known)."""
    import re

    parts = []
    for piece in re.split(r"[/\-. ]", (value or "").strip())[:3]:
        if not piece.isdigit():
            break
        parts.append(int(piece))
    if parts and not 0 < parts[0] < 10000:
        return []
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        parts = parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        parts = parts[:2]
    return parts


def split_pages(value: str) -> tuple[str, str]:
    start, _, end = (value or "").replace("–", "-").partition("-")
    return start.strip(), end.strip("- ").strip()
