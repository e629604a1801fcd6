"""BibTeX and BibLaTeX, read with bibtexparser 2 and its LaTeX decoding middleware."""

import re
from collections.abc import Iterator

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from . import ParsedRecord, parse_date_parts

BIBTEX_TO_CSL = {
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "article": "article-journal",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "video": "motion_picture",
    "movie": "motion_picture",
    "legislation": "legislation",
    "law": "legislation",
    "booklet": "pamphlet",
    "misc": "pamphlet",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
}
CSL_TO_BIBTEX = {
    "book": "book",
    "chapter": "incollection",
    "article-journal": "article",
    "article-newspaper": "article",
    "report": "techreport",
    "thesis": "phdthesis",
    "webpage": "online",
    "motion_picture": "video",
    "legislation": "legislation",
    "pamphlet": "booklet",
    "paper-conference": "inproceedings",
}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_BRACES = re.compile(r"[{}]")
_SPECIAL = re.compile(r"(?<!\\)([&%$#_])")
VERBATIM = {"url", "doi"}


def _escape(value: str) -> str:
    """LaTeX's special characters, escaped so that `&` survives a LaTeX decoder."""
    return _SPECIAL.sub(r"\\\1", value)


def _text(value) -> str:
    return " ".join(_BRACES.sub("", str(value)).split())


def _name(raw: str) -> dict:
    raw = raw.strip()
    if raw.startswith("{") and raw.endswith("}"):
        return {"literal": _text(raw)}
    if "," in raw:
        family, _, given = raw.partition(",")
    else:
        given, _, family = raw.rpartition(" ")
    name = {"family": _text(family)}
    if _text(given):
        name["given"] = _text(given)
    return name


def _month(value: str) -> int | None:
    value = value.strip().lower()[:3]
    if value.isdigit():
        return int(value) if 1 <= int(value) <= 12 else None
    return MONTHS.index(value) + 1 if value in MONTHS else None


def entry_to_csl(entry: Entry) -> dict:
    fields = {key.lower(): value for key, value in entry.fields_dict.items()}

    def get(*names: str) -> str:
        for name in names:
            if name in fields and not isinstance(fields[name].value, list):
                value = _text(fields[name].value)
                if value:
                    return value
        return ""

    csl_type = BIBTEX_TO_CSL.get(entry.entry_type.lower(), "pamphlet")
    if csl_type == "pamphlet" and get("url") and entry.entry_type.lower() == "misc":
        csl_type = "webpage"
    if csl_type == "article-journal" and get("entrysubtype").lower() == "newspaper":
        csl_type = "article-newspaper"  # BibLaTeX's (and Zotero's) newspaper article
    csl: dict = {"type": csl_type}
    title = get("title")
    if get("subtitle"):
        title = f"{title} : {get('subtitle')}"
    if title:
        csl["title"] = title
    for role in ("author", "editor"):
        if role in fields:
            value = fields[role].value
            names = value if isinstance(value, list) else [value]
            csl[role] = [_name(n) for n in names if n.strip()]
    container = get("journal", "journaltitle", "booktitle")
    simple = {
        "container-title": container,
        "collection-title": get("series"),
        "publisher": get("publisher", "institution", "school", "organization"),
        "publisher-place": get("address", "location"),
        "volume": get("volume"),
        "page": get("pages").replace("--", "-").replace("–", "-"),
        "edition": get("edition"),
        "ISBN": get("isbn"),
        "ISSN": get("issn"),
        "DOI": get("doi"),
        "URL": get("url"),
        "language": get("langid", "language"),
        "abstract": get("abstract"),
        "call-number": get("callnumber"),
        "keyword": ", ".join(k.strip() for k in re.split(r"[,;]", get("keywords")) if k.strip()),
    }
    if csl_type in ("report", "legislation") or get("issue"):
        simple["number"] = get("number") if csl_type in ("report", "legislation") else ""
        simple["issue"] = get("issue")
    else:
        simple["issue"] = get("number")
    csl.update({k: v for k, v in simple.items() if v})
    date = parse_date_parts(get("date")) or parse_date_parts(get("year"))
    month = _month(get("month")) if len(date) == 1 else None
    if month:
        date.append(month)
    if date:
        csl["issued"] = {"date-parts": [date]}
    accessed = parse_date_parts(get("urldate"))
    if accessed:
        csl["accessed"] = {"date-parts": [accessed]}
    return csl


class _DecodeLatexExceptVerbatim(middlewares.LatexDecodingMiddleware):
    """LaTeX decoding, except for URLs and DOIs, where `%` and `_` are literal."""

    def transform_entry(self, entry: Entry, *args, **kwargs) -> Entry:
        kept = {k: f.value for k, f in entry.fields_dict.items() if k.lower() in VERBATIM}
        entry = super().transform_entry(entry, *args, **kwargs)
        for key, value in kept.items():
            entry.fields_dict[key].value = value
        return entry


def parse(text: str) -> Iterator[ParsedRecord]:
    """Yield one `ParsedRecord` per entry (valid or not), in file order."""
    library = bibtexparser.parse_string(
        text,
        append_middleware=[
            _DecodeLatexExceptVerbatim(keep_braced_groups=True),
            middlewares.SeparateCoAuthors(),
        ],
    )
    blocks = sorted(
        [*library.entries, *library.failed_blocks], key=lambda block: block.start_line or 0
    )
    for position, block in enumerate(blocks, start=1):
        if isinstance(block, Entry):
            yield ParsedRecord(position, csl=entry_to_csl(block))
        else:
            line = (block.start_line or 0) + 1
            yield ParsedRecord(
                position,
                error=f"Notice BibTeX mal formée (ligne {line}) : accolade ou guillemet non fermé.",
            )


def _names(names: list[dict]) -> str:
    out = []
    for name in names:
        if name.get("literal"):
            out.append("{" + name["literal"] + "}")
        else:
            out.append(", ".join(p for p in (name.get("family"), name.get("given")) if p))
    return " and ".join(out)


def _key(item: dict, position: int, used: set[str]) -> str:
    names = item.get("author") or item.get("editor") or [{}]
    who = names[0].get("family") or names[0].get("literal") or "ref"
    year = (item.get("issued") or {}).get("date-parts", [[""]])[0][:1] or [""]
    base = re.sub(r"[^A-Za-z0-9]", "", who)[:20] + str(year[0])
    key = base or f"ref{position}"
    suffix = 0
    while key in used:
        suffix += 1
        key = f"{base}{chr(96 + suffix) if suffix < 27 else suffix}"
    used.add(key)
    return key


def dumps(items: list[dict]) -> str:
    """Write UTF-8 BibLaTeX-compatible BibTeX (braces keep capitals and organisations)."""
    library = Library()
    used: set[str] = set()
    for position, item in enumerate(items, start=1):
        date = (item.get("issued") or {}).get("date-parts", [[]])[0]
        accessed = (item.get("accessed") or {}).get("date-parts", [[]])[0]
        csl_type = item.get("type", "")
        container_key = "journal" if csl_type.startswith("article") else "booktitle"
        values = {
            "title": item.get("title"),
            "author": _names(item.get("author", [])),
            "editor": _names(item.get("editor", [])),
            container_key: item.get("container-title"),
            "series": item.get("collection-title"),
            "publisher": item.get("publisher"),
            "address": item.get("publisher-place"),
            "year": str(date[0]) if date else "",
            "month": MONTHS[date[1] - 1] if len(date) > 1 else "",
            "date": "-".join(f"{p:02d}" for p in date) if len(date) > 2 else "",
            "volume": item.get("volume"),
            "number": item.get("issue") or item.get("number"),
            "issue": item.get("issue") if item.get("number") else "",
            "pages": (item.get("page") or "").replace("-", "--"),
            "edition": item.get("edition"),
            "isbn": item.get("ISBN"),
            "issn": item.get("ISSN"),
            "doi": item.get("DOI"),
            "url": item.get("URL"),
            "urldate": "-".join(f"{p:02d}" for p in accessed) if accessed else "",
            "langid": item.get("language"),
            "abstract": item.get("abstract"),
            "keywords": item.get("keyword"),
            "callnumber": item.get("call-number"),
        }
        if csl_type == "article-newspaper":
            values["entrysubtype"] = "newspaper"
        if csl_type in ("report", "legislation") and item.get("number"):
            values["number"] = item["number"]
        fields = [
            Field(k, str(v) if k in VERBATIM else _escape(str(v))) for k, v in values.items() if v
        ]
        library.add(Entry(CSL_TO_BIBTEX.get(csl_type, "misc"), _key(item, position, used), fields))
    return bibtexparser.write_string(library)
