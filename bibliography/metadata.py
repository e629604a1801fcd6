"""Metadata that reference managers read from a web page: Highwire `citation_*` meta tags
and COinS (OpenURL ContextObject in a span), both built from a CSL-JSON dict."""

from urllib.parse import urlencode

HIGHWIRE_SIMPLE = {
    "title": "citation_title",
    "publisher": "citation_publisher",
    "volume": "citation_volume",
    "issue": "citation_issue",
    "ISBN": "citation_isbn",
    "ISSN": "citation_issn",
    "DOI": "citation_doi",
    "language": "citation_language",
    "abstract": "citation_abstract",
    "URL": "citation_public_url",
}


def _name(name: dict) -> str:
    if name.get("literal"):
        return name["literal"]
    return ", ".join(p for p in (name.get("family"), name.get("given")) if p)


def _date(csl: dict, separator: str = "/") -> str:
    parts = (csl.get("issued") or {}).get("date-parts", [[]])[0]
    return separator.join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def highwire_tags(csl: dict) -> list[tuple[str, str]]:
    """(name, content) pairs, in the order Zotero's "Embedded Metadata" translator reads."""
    tags = [("citation_title", csl.get("title", ""))]
    tags += [("citation_author", _name(n)) for n in csl.get("author", [])]
    tags += [("citation_editor", _name(n)) for n in csl.get("editor", [])]
    if csl.get("issued"):
        tags.append(("citation_publication_date", _date(csl)))
    container = csl.get("container-title", "")
    csl_type = csl.get("type", "")
    if container:
        key = {
            "article-journal": "citation_journal_title",
            "article-newspaper": "citation_journal_title",
            "chapter": "citation_inbook_title",
            "paper-conference": "citation_conference_title",
        }.get(csl_type, "citation_series_title")
        tags.append((key, container))
    if csl_type == "report":
        tags.append(("citation_technical_report_institution", csl.get("publisher", "")))
        if csl.get("number"):
            tags.append(("citation_technical_report_number", csl["number"]))
    if csl_type == "thesis":
        tags.append(("citation_dissertation_institution", csl.get("publisher", "")))
    start, _, end = (csl.get("page") or "").partition("-")
    if start:
        tags.append(("citation_firstpage", start))
    if end:
        tags.append(("citation_lastpage", end))
    for key, name in HIGHWIRE_SIMPLE.items():
        if key != "title" and csl.get(key):
            tags.append((name, csl[key]))
    for keyword in (csl.get("keyword") or "").split(","):
        if keyword.strip():
            tags.append(("citation_keywords", keyword.strip()))
    return [(name, value) for name, value in tags if value]


COINS_GENRES = {
    "book": ("book", "book"),
    "chapter": ("book", "bookitem"),
    "article-journal": ("journal", "article"),
    "article-newspaper": ("journal", "article"),
    "report": ("book", "report"),
    "paper-conference": ("book", "proceeding"),
}


def coins(csl: dict) -> str:
    """The `title` of a COinS span (Z3988), as an OpenURL 1.0 KEV string."""
    fmt, genre = COINS_GENRES.get(csl.get("type", ""), ("dc", ""))
    pairs = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{fmt}")]
    if fmt == "dc":
        pairs.append(("rft.title", csl.get("title", "")))
        pairs += [("rft.creator", _name(n)) for n in csl.get("author", [])]
        pairs += [("rft.date", _date(csl, "-")), ("rft.publisher", csl.get("publisher", ""))]
        pairs += [("rft.type", csl.get("type", "")), ("rft.identifier", csl.get("URL", ""))]
    else:
        pairs.append(("rft.genre", genre))
        title_key = "rft.atitle" if genre in ("article", "bookitem") else "rft.btitle"
        pairs.append((title_key, csl.get("title", "")))
        if csl.get("container-title"):
            container_key = "rft.jtitle" if fmt == "journal" else "rft.btitle"
            pairs.append((container_key, csl["container-title"]))
        for name in csl.get("author", []):
            if name.get("literal"):
                pairs.append(("rft.aucorp", name["literal"]))
            else:
                pairs += [
                    ("rft.aulast", name.get("family", "")),
                    ("rft.aufirst", name.get("given", "")),
                ]
        pairs += [
            ("rft.date", _date(csl, "-")),
            ("rft.pub", csl.get("publisher", "")),
            ("rft.place", csl.get("publisher-place", "")),
            ("rft.volume", csl.get("volume", "")),
            ("rft.issue", csl.get("issue", "")),
            ("rft.pages", csl.get("page", "")),
            ("rft.isbn", csl.get("ISBN", "")),
            ("rft.issn", csl.get("ISSN", "")),
        ]
    if csl.get("DOI"):
        pairs.append(("rft_id", f"info:doi/{csl['DOI']}"))
    if csl.get("URL") and fmt != "dc":
        pairs.append(("rft_id", csl["URL"]))
    return urlencode([(k, v) for k, v in pairs if v])
