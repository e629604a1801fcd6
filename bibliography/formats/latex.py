"""LaTeX in BibTeX field values: decoded to plain text on import, escaped on export.

Decoding goes through pylatexenc (which bibtexparser uses too), but only for values that hold
LaTeX markup: most values are plain text, and pylatexenc takes about a millisecond per value.
Math (`$x^{2}$`) is kept verbatim, braces included.
"""

import re
import unicodedata

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_context_db
from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db

_MARKUP = re.compile(r"[\\$~]|--|``|''")
_BRACES = str.maketrans("", "", "{}")
_SIMPLE_TEXT = str.maketrans({"{": None, "}": None, "~": "\u00a0"})
_NEEDS_PARSER = re.compile(r"[\\$]|``|''")
_SPACES = re.compile(r"[ \t\r\n]+")
_ACCENTS = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "c": "\u0327",
    "v": "\u030c",
    "u": "\u0306",
    "H": "\u030b",
    "k": "\u0328",
    "r": "\u030a",
}
_SIMPLE_ACCENT = re.compile(
    r"\\([`'^\"~=.])\s*(?:\{([A-Za-z])\}|([A-Za-z]))|\\([cvuHkr])(?:\{([A-Za-z])\}|\s+([A-Za-z]))"
)
_SIMPLE_ESCAPE = re.compile(r"\\([&%#_])")
_CONTEXT = get_default_latex_context_db()
_TEXT_CONTEXT = text_context_db()
# Written for a lone brace, which `\{` would leave unbalanced for BibTeX.
_TEXT_CONTEXT.add_context_category(
    "reci-braces",
    macros=[MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}")],
    prepend=True,
)
_TO_TEXT = LatexNodes2Text(math_mode="verbatim", latex_context=_TEXT_CONTEXT)

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "\u00a0": "~",
}
_LONE_BRACES = {**_ESCAPES, "{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
_SPECIAL = re.compile("|".join(re.escape(c) for c in _ESCAPES))
# `$…$` holding LaTeX (a backslash, a sub- or superscript, a group) is math: written verbatim.
_MATH = re.compile(r"\$[^$]*[\\^_{][^$]*\$")


def _accent(match: re.Match) -> str:
    mark, letter = match.group(1) or match.group(4), next(filter(None, match.group(2, 3, 5, 6)))
    return unicodedata.normalize("NFC", letter + _ACCENTS[mark])


def _simple_markup(value: str) -> str | None:
    """`value` decoded by rules when it holds only accents (`{\\'e}`, `\\c{c}`), escaped
    `& % # _`, dashes and `~`, the usual LaTeX of bibliographies; None when pylatexenc is
    needed."""
    value = _SIMPLE_ESCAPE.sub(r"\1", _SIMPLE_ACCENT.sub(_accent, value))
    if _NEEDS_PARSER.search(value):
        return None
    return value.replace("---", "\u2014").replace("--", "\u2013").translate(_SIMPLE_TEXT)


def to_text(value: str) -> str:
    """Plain text of a LaTeX value: accents and escapes decoded, grouping braces dropped,
    white space collapsed (a non-breaking `~` stays non-breaking)."""
    simple = _simple_markup(value) if _MARKUP.search(value) else value.translate(_BRACES)
    if simple is not None:
        value = simple
    else:
        nodes, _, _ = LatexWalker(
            value, latex_context=_CONTEXT, tolerant_parsing=True
        ).get_latex_nodes()
        value = _TO_TEXT.nodelist_to_text(nodes)
    return _SPACES.sub(" ", value).strip(" \t\r\n")


def _balanced(value: str) -> bool:
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def escape(value: str) -> str:
    """A LaTeX value that `to_text` reads back as `value` (and BibTeX, which counts braces,
    still finds balanced). `$…$` holding LaTeX is kept as math."""
    escapes = _ESCAPES if _balanced(value) else _LONE_BRACES

    def text(part: str) -> str:
        return _SPECIAL.sub(lambda m: escapes[m.group()], part)

    out, last = [], 0
    for match in _MATH.finditer(value):
        out += [text(value[last : match.start()]), match.group()]
        last = match.end()
    out.append(text(value[last:]))
    return "".join(out)
