"""RIS (Zotero, EndNote, Mendeley, library catalogues), read record by record with rispy.

The file is cut into records here, so that a record without its `ER` end tag is still read
(rispy alone drops it) and every record is counted; each record is then parsed by rispy.
"""

import re
from collections.abc import Iterable, Iterator

import rispy

from . import ParsedRecord, parse_date, parse_date_parts, split_pages

RIS_TO_CSL = {
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "JOUR": "article-journal",
    "EJOUR": "article-journal",
    "MGZN": "article-journal",
    "NEWS": "article-newspaper",
    "RPRT": "report",
    "THES": "thesis",
    "ELEC": "webpage",
    "WEB": "webpage",
    "VIDEO": "motion_picture",
    "MPCT": "motion_picture",
    "STAT": "legislation",
    "LEGAL": "legislation",
    "BILL": "legislation",
    "PAMP": "pamphlet",
    "GEN": "pamphlet",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
}
CSL_TO_RIS = {
    "book": "BOOK",
    "chapter": "CHAP",
    "article-journal": "JOUR",
    "article-newspaper": "NEWS",
    "report": "RPRT",
    "thesis": "THES",
    "webpage": "ELEC",
    "motion_picture": "VIDEO",
    "legislation": "STAT",
    "pamphlet": "PAMP",
    "paper-conference": "CPAPER",
}
_START = re.compile(r"^TY {1,2}- ?")
_END = re.compile(r"^ER {1,2}-")
_TAG = re.compile(r"^([A-Z][A-Z0-9]) {1,2}- ?(.*)$")


def iter_chunks(lines: Iterable[str]) -> Iterator[list[str]]:
    """Group lines into records: each starts at `TY`, ends at `ER` or at the next `TY`."""
    current: list[str] | None = None
    for raw in lines:
        line = raw.rstrip("\r\n").lstrip("\ufeff")
        if _START.match(line):
            if current:
                yield current
            current = [line]
        elif current is not None:
            if _END.match(line):
                yield current
                current = None
            elif line.strip():
                current.append(line)
    if current:
        yield current


def _normalised_chunk(chunk: list[str]) -> tuple[str, list[str]]:
    """Rewrite tags as rispy wants them (`XX  - value`), join continuation lines."""
    out: list[str] = []
    unknown: list[str] = []
    for line in chunk:
        match = _TAG.match(line)
        if match:
            tag, value = match.groups()
            tag = "A2" if tag == "ED" else tag
            if tag not in rispy.TAG_KEY_MAPPING:
                unknown.append(tag)
                continue
            out.append(f"{tag}  - {value.strip()}")
        elif out:
            out[-1] += " " + line.strip()
    out.append("ER  - ")
    return "\n".join(out) + "\n", unknown


def _name(value: str) -> dict:
    """`Family, Given[, Suffix]` (the RIS convention), or an organisation."""
    family, sep, rest = value.partition(",")
    if not sep:
        return {"literal": value.strip()}
    given, _, suffix = rest.partition(",")
    name = {"family": family.strip()}
    if given.strip():
        name["given"] = given.strip()
    if suffix.strip():
        name["suffix"] = suffix.strip()
    return name


def _first(entry: dict, *keys: str) -> str:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = value[0] if value else ""
        if value:
            return str(value).strip()
    return ""


def entry_to_csl(entry: dict) -> dict:
    ris_type = (entry.get("type_of_reference") or "").strip().upper()
    csl_type = RIS_TO_CSL.get(ris_type, "pamphlet")
    csl: dict = {"type": csl_type}
    title = _first(entry, "title", "primary_title")
    if title:
        csl["title"] = title
    authors = [*(entry.get("authors") or []), *(entry.get("first_authors") or [])]
    editors = entry.get("secondary_authors") or []
    if authors:
        csl["author"] = [_name(a) for a in authors if a.strip()]
    if editors:
        csl["editor"] = [_name(e) for e in editors if e.strip()]
    translators = [t for t in entry.get("subsidiary_authors") or [] if t.strip()]
    if translators:
        csl["translator"] = [_name(t) for t in translators]
    container = _first(entry, "journal_name", "alternate_title3", "secondary_title")
    collection = _first(entry, "tertiary_title")
    if csl_type in ("book", "report", "thesis") and container and not collection:
        collection, container = container, ""
    simple = {
        "container-title": container,
        "collection-title": collection,
        "publisher": _first(entry, "publisher"),
        "publisher-place": _first(entry, "place_published"),
        "volume": _first(entry, "volume"),
        "issue": _first(entry, "number"),
        "edition": _first(entry, "edition"),
        "number": _first(entry, "note"),
        "genre": _first(entry, "type_of_work"),
        "DOI": _first(entry, "doi"),
        "URL": _first(entry, "urls"),
        "language": _first(entry, "language"),
        "abstract": _first(entry, "abstract", "notes_abstract"),
        "call-number": _first(entry, "call_number"),
    }
    csl.update({k: v for k, v in simple.items() if v})
    serial = _first(entry, "issn")
    if serial:
        digits = re.sub(r"[^0-9Xx]", "", serial)
        csl["ISSN" if len(digits) == 8 else "ISBN"] = serial
    start, end = _first(entry, "start_page"), _first(entry, "end_page")
    if start:
        csl["page"] = f"{start}-{end}" if end else start
    date = parse_date(_first(entry, "year", "publication_year", "date"))
    if date:
        csl["issued"] = date
    accessed = parse_date_parts(_first(entry, "access_date"))
    if accessed:
        csl["accessed"] = {"date-parts": [accessed]}
    keywords = [k.strip() for k in entry.get("keywords") or [] if k.strip()]
    if keywords:
        csl["keyword"] = ", ".join(keywords)
    return csl


def parse(lines: Iterable[str]) -> Iterator[ParsedRecord]:
    """Yield one `ParsedRecord` per RIS record; `lines` may be a file object (streaming)."""
    for position, chunk in enumerate(iter_chunks(lines), start=1):
        text, unknown = _normalised_chunk(chunk)
        warnings = [f"Balises inconnues ignorées : {', '.join(sorted(set(unknown)))}"] * bool(
            unknown
        )
        try:
            entries = rispy.loads(text)
        except Exception as exc:  # rispy raises plain errors on malformed lines
            yield ParsedRecord(position, error=f"Notice RIS illisible : {exc}")
            continue
        if not entries:
            yield ParsedRecord(position, error="Notice RIS vide.")
            continue
        yield ParsedRecord(position, csl=entry_to_csl(entries[0]), warnings=warnings)


def _date(value: dict | None) -> str:
    """`YYYY/MM/DD/other`, the season in the last part; a BC year as `-0044`."""
    parts = (value or {}).get("date-parts", [[]])[0]
    if not parts:
        return ""
    year = f"{'-' if parts[0] < 0 else ''}{abs(parts[0]):04d}"
    padded = [year, *(f"{p:02d}" for p in parts[1:])]
    return "/".join(padded + [""] * (3 - len(padded))) + "/" + str(value.get("season") or "")


def _names(names: list[dict]) -> list[str]:
    """`Family, Given[, Suffix]`, particles joined to the family or given name."""
    out = []
    for name in names:
        if name.get("literal"):
            out.append(name["literal"])
            continue
        family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
        given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
        out.append(", ".join([family, given, name.get("suffix", "")]).rstrip(", "))
    return out


def dumps(items: list[dict]) -> str:
    """Write RIS records (as Zotero does: `TY` … `ER`, one tag per line)."""
    lines: list[str] = []
    for item in items:
        csl_type = item.get("type", "")
        lines.append(f"TY  - {CSL_TO_RIS.get(csl_type, 'GEN')}")
        for tag, value in (
            ("TI", item.get("title")),
            *(("AU", a) for a in _names(item.get("author", []))),
            *(("A2", e) for e in _names(item.get("editor", []))),
            *(("A4", t) for t in _names(item.get("translator", []))),
            ("T2", item.get("container-title")),
            ("T3", item.get("collection-title")),
            ("PY", _date(item.get("issued"))),
            ("PB", item.get("publisher")),
            ("CY", item.get("publisher-place")),
            ("VL", item.get("volume")),
            ("IS", item.get("issue")),
            ("SP", split_pages(item.get("page", ""))[0]),
            ("EP", split_pages(item.get("page", ""))[1]),
            ("ET", item.get("edition")),
            ("M1", item.get("number")),
            ("M3", item.get("genre")),
            ("SN", item.get("ISBN")),
            ("SN", item.get("ISSN")),
            ("DO", item.get("DOI")),
            ("UR", item.get("URL")),
            ("Y2", _date(item.get("accessed"))),
            ("LA", item.get("language")),
            ("AB", item.get("abstract")),
            *(("KW", k.strip()) for k in (item.get("keyword") or "").split(",") if k.strip()),
            ("CN", item.get("call-number")),
        ):
            if value:
                lines.append(f"{tag}  - {' '.join(str(value).split())}")
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)
