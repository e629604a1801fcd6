"""BibTeX and BibLaTeX: bibtexparser 2 splits the file into entries, LaTeX is decoded in `latex`."""

import re
from collections.abc import Iterator

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
)

from . import ParsedRecord, parse_date, parse_date_parts
from .latex import escape, to_text

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
MONTH_MACROS = {name: str(number) for number, name in enumerate(MONTHS, start=1)}
VERBATIM = {"url", "doi"}
NAME_FIELDS = ("author", "editor", "translator")
# BibLaTeX's inheritance: a parent's title is its children's container, not their title.
NOT_INHERITED = {"title": "booktitle", "subtitle": "booksubtitle", "crossref": "", "ids": ""}
_DEPTH0_AND = re.compile(r"[{}]|\s+and\s+", re.IGNORECASE)
_DEPTH0_COMMA = re.compile(r"[{}]|,")
_DEPTH0_SPACE = re.compile(r"[{}]|\s+")
_CLOSING = re.compile(r"[{}]")
_QUOTED = re.compile(r'[{}"]')
_WORD_END = re.compile(r"[\s#]")


def _split_top(value: str, separator: re.Pattern) -> list[str]:
    """`value` cut at `separator`, outside braces (`{A and B} and C` is two names)."""
    pieces, depth, last = [], 0, 0
    for match in separator.finditer(value):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            pieces.append(value[last : match.start()])
            last = match.end()
    pieces.append(value[last:])
    return pieces


def _group_end(raw: str, start: int) -> int:
    """The index just after the brace group opened at `raw[start]`."""
    depth = 0
    for match in _CLOSING.finditer(raw, start):
        depth += 1 if match.group() == "{" else -1
        if depth == 0:
            return match.end()
    return len(raw)


def _quote_end(raw: str, start: int) -> int:
    """The index of the `"` closing the string opened at `raw[start]` (braces may hide one)."""
    depth = 0
    for match in _QUOTED.finditer(raw, start + 1):
        token = match.group()
        if token == '"' and depth == 0:
            return match.start()
        depth += {"{": 1, "}": -1}.get(token, 0)
    return len(raw)


def _evaluate(raw: str, macros: dict[str, str]) -> str:
    """A field's raw value as LaTeX: `{…}`, `"…"`, numbers and `@string` macros, joined by `#`."""
    raw = raw.strip()
    if raw.startswith("{") and _group_end(raw, 0) == len(raw):
        return raw[1:-1]
    pieces, position = [], 0
    while position < len(raw):
        char = raw[position]
        if char.isspace() or char == "#":
            position += 1
        elif char == "{":
            end = _group_end(raw, position)
            pieces.append(raw[position + 1 : end - 1])
            position = end
        elif char == '"':
            end = _quote_end(raw, position)
            pieces.append(raw[position + 1 : end])
            position = end + 1
        else:
            match = _WORD_END.search(raw, position)
            end = match.start() if match else len(raw)
            word = raw[position:end]
            pieces.append(macros.get(word.lower(), word))
            position = end
    return "".join(pieces)


def _name(raw: str) -> dict:
    """A BibTeX name: `{Organisation}`, `Family, Given`, `Family, Jr, Given` or `Given Family`."""
    raw = raw.strip()
    if raw.startswith("{") and _group_end(raw, 0) == len(raw):
        return {"literal": to_text(raw[1:-1])}
    parts = [p.strip() for p in _split_top(raw, _DEPTH0_COMMA)]
    suffix = ""
    if len(parts) >= 3:
        family, suffix, given = parts[0], parts[1], ", ".join(parts[2:])
    elif len(parts) == 2:
        family, given = parts
    else:
        words = [w for w in _split_top(raw, _DEPTH0_SPACE) if w]
        # « Charles de Gaulle »: the family name starts at the first lower-case word.
        first = next((i for i, w in enumerate(words[:-1]) if i and w[:1].islower()), len(words) - 1)
        given, family = " ".join(words[:first]), " ".join(words[first:])
    name = {"family": to_text(family)}
    if to_text(given):
        name["given"] = to_text(given)
    if to_text(suffix):
        name["suffix"] = to_text(suffix)
    return name


def _month(value: str) -> int | None:
    value = value.strip().lower()[:3]
    if value.isdigit():
        return int(value) if 1 <= int(value) <= 12 else None
    return MONTHS.index(value) + 1 if value in MONTHS else None


def entry_to_csl(entry_type: str, fields: dict[str, str]) -> dict:
    """CSL-JSON of an entry whose `fields` are lower-case names and evaluated LaTeX values."""
    entry_type = entry_type.lower()

    def get(*names: str) -> str:
        for name in names:
            if fields.get(name):
                value = fields[name].strip() if name in VERBATIM else to_text(fields[name])
                if value:
                    return value
        return ""

    csl_type = BIBTEX_TO_CSL.get(entry_type, "pamphlet")
    if csl_type == "pamphlet" and get("url") and entry_type == "misc":
        csl_type = "webpage"
    if csl_type == "article-journal" and get("entrysubtype").lower() == "newspaper":
        csl_type = "article-newspaper"  # BibLaTeX's (and Zotero's) newspaper article
    csl: dict = {"type": csl_type}
    title = get("title")
    if get("subtitle"):
        title = f"{title} : {get('subtitle')}"
    if title:
        csl["title"] = title
    for role in NAME_FIELDS:
        if fields.get(role, "").strip():
            names = [n for n in _split_top(fields[role], _DEPTH0_AND) if n.strip()]
            csl[role] = [_name(n) for n in names]
    container = get("journal", "journaltitle", "booktitle")
    if container and get("booksubtitle"):
        container = f"{container} : {get('booksubtitle')}"
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
        "genre": get("type"),
        "keyword": ", ".join(k.strip() for k in re.split(r"[,;]", get("keywords")) if k.strip()),
    }
    if csl_type in ("report", "legislation") or get("issue"):
        simple["number"] = get("number") if csl_type in ("report", "legislation") else ""
        simple["issue"] = get("issue")
    else:
        simple["issue"] = get("number")
    csl.update({k: v for k, v in simple.items() if v})
    issued = parse_date(get("date")) or parse_date(get("year"))
    month = _month(get("month")) if len(issued.get("date-parts", [[]])[0]) == 1 else None
    if month:
        issued["date-parts"][0].append(month)
    if issued:
        csl["issued"] = issued
    accessed = parse_date_parts(get("urldate"))
    if accessed:
        csl["accessed"] = {"date-parts": [accessed]}
    return csl


def _fields(entry: Entry, macros: dict[str, str]) -> dict[str, str]:
    """Lower-case field names (JabRef and HAL write `AUTHOR`), values evaluated."""
    return {f.key.lower(): _evaluate(str(f.value), macros) for f in entry.fields}


def _inherit(fields: dict[str, str], parents: dict[str, dict[str, str]]) -> str:
    """Fill `fields` from its `crossref` parent; a warning if the parent is missing."""
    key = fields.get("crossref", "").strip()
    if not key:
        return ""
    parent = parents.get(key.lower())
    if parent is None:
        return f"Notice parente « {key} » (crossref) introuvable dans le fichier."
    for name, value in parent.items():
        target = NOT_INHERITED.get(name, name)
        if target and not fields.get(target):
            fields[target] = value
    return ""


def _entry(block: Block) -> Entry | None:
    """The entry of a block, also when bibtexparser set it aside (a repeated key or field)."""
    entry = block if isinstance(block, Entry) else getattr(block, "ignore_error_block", None)
    return entry if isinstance(entry, Entry) else None


def _crossref_parents(blocks: list[Block], macros: dict[str, str]) -> dict[str, dict[str, str]]:
    """The fields of the entries that others name in `crossref`, by lower-case key (only
    those are kept: the other entries are read one at a time)."""
    wanted = {
        _evaluate(str(field.value), macros).strip().lower()
        for block in blocks
        if (entry := _entry(block))
        for field in entry.fields
        if field.key.lower() == "crossref"
    }
    parents: dict[str, dict[str, str]] = {}
    for block in blocks:
        entry = _entry(block)
        if entry is not None and entry.key.lower() in wanted:
            parents.setdefault(entry.key.lower(), _fields(entry, macros))
    return parents


def parse(text: str) -> Iterator[ParsedRecord]:
    """Yield one `ParsedRecord` per entry (valid or not), in file order.

    bibtexparser only splits the file into blocks; `@string` macros, `#` concatenation,
    `crossref` inheritance and LaTeX decoding are done here. An entry whose citation key is
    already used is still read (another work, or a duplicate that the import finds by its
    content), with a warning.
    """
    library = bibtexparser.parse_string(text, parse_stack=[])
    macros = dict(MONTH_MACROS)
    for string in library.strings:
        macros[string.key.lower()] = _evaluate(str(string.value), macros)
    blocks = sorted(
        [*library.entries, *library.failed_blocks], key=lambda block: block.start_line or 0
    )
    parents = _crossref_parents(blocks, macros)
    for position, block in enumerate(blocks, start=1):
        line = (block.start_line or 0) + 1
        entry = _entry(block)
        if entry is None:
            yield ParsedRecord(
                position,
                error=f"Notice BibTeX mal formée (ligne {line}) : accolade ou guillemet non fermé.",
            )
            continue
        fields = _fields(entry, macros)
        warnings = [_inherit(fields, parents)] if fields.get("crossref") else []
        if isinstance(block, DuplicateBlockKeyBlock):
            warnings.append(
                f"Clé de citation « {entry.key} » répétée (ligne {line}) : notice lue quand même."
            )
        elif isinstance(block, DuplicateFieldKeyBlock):
            warnings.append(f"Champ répété dans la notice « {entry.key} » (ligne {line}).")
        try:
            csl = entry_to_csl(entry.entry_type, fields)
        except Exception as exc:  # pylatexenc on unusual markup; one record, not the file
            yield ParsedRecord(position, error=f"Notice BibTeX illisible (ligne {line}) : {exc}")
            continue
        yield ParsedRecord(position, csl=csl, warnings=[w for w in warnings if w])


def _names(names: list[dict]) -> str:
    """BibTeX names, escaped: `{Organisation}`, `von Family, Jr, Given`."""
    out = []
    for name in names:
        if name.get("literal"):
            out.append("{" + escape(name["literal"]) + "}")
            continue
        family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
        given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
        parts = [family, name.get("suffix", ""), given] if name.get("suffix") else [family, given]
        # « and » inside a name would split it: braced.
        out.append(
            ", ".join(escape(p) if " and " not in p else "{" + escape(p) + "}" for p in parts if p)
        )
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
            "translator": _names(item.get("translator", [])),
            container_key: item.get("container-title"),
            "series": item.get("collection-title"),
            "publisher": item.get("publisher"),
            "address": item.get("publisher-place"),
            "year": str(date[0]) if date else "",
            "month": MONTHS[date[1] - 1] if len(date) > 1 else "",
            "date": "-".join(f"{p:02d}" for p in date) if len(date) > 2 and date[0] > 0 else "",
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
            "type": item.get("genre"),
        }
        if csl_type == "article-newspaper":
            values["entrysubtype"] = "newspaper"
        if csl_type in ("report", "legislation") and item.get("number"):
            values["number"] = item["number"]
        fields = [
            Field(k, str(v) if k in VERBATIM or k in NAME_FIELDS else escape(str(v)))
            for k, v in values.items()
            if v
        ]
        library.add(Entry(CSL_TO_BIBTEX.get(csl_type, "misc"), _key(item, position, used), fields))
    return bibtexparser.write_string(library)
