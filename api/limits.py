"""Bounds on the shape of query parameters, checked before anything parses them or queries.

Some values are short but costly in shape. Wagtail parses `?fields=a(b(c))` recursively and
its search backends build one nested query node per word of `?search=`: a few hundred levels
or words exhaust Python's recursion limit (a 500, `RecursionError`). SQLite stores integers
on 64 bits and its driver raises `OverflowError` for a larger one that reaches a query:
Django guards plain integer columns, not foreign keys nor many-to-many relations
(`?child_of=`, `?toolkit=`, `?themes=` on a snippet). Every endpoint of the router runs
`parameter_problem` on each parameter (`api/router.py`); the search's own endpoints take no
ids nor sub-fields and cut `?q=` to its first words (`search/params.py`).
"""

import re

MAX_FIELDS_DEPTH = 5
MAX_SEARCH_CHARACTERS = 200
MAX_SEARCH_WORDS = 32
INTEGER_MIN, INTEGER_MAX = -(2**63), 2**63 - 1
# Words, not values: a long number there is text to look for, never compared to a column.
FREE_TEXT_PARAMETERS = frozenset({"search", "q", "tag"})

_INTEGER = re.compile(r"[+-]?\d+")


def _fits_64_bits(digits: str) -> bool:
    # Python refuses to convert more than 4,300 digits (int_max_str_digits): count them first.
    significant = digits.lstrip("+-").lstrip("0")
    return len(significant) <= len(str(INTEGER_MAX)) and INTEGER_MIN <= int(digits) <= INTEGER_MAX


def fields_depth(value: str) -> int:
    """How deeply `?fields=` nests sub-fields: 0 for `title`, 1 for `owner(name)`…"""
    depth = deepest = 0
    for character in value:
        if character == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif character == ")":
            depth -= 1
    return deepest


def parameter_problem(name: str, value: str) -> str | None:
    """Why this parameter cannot be used, in a message for the client; None if it can."""
    if name == "fields" and fields_depth(value) > MAX_FIELDS_DEPTH:
        return f"fields cannot nest sub-fields more than {MAX_FIELDS_DEPTH} levels deep"
    if name == "search":
        if len(value) > MAX_SEARCH_CHARACTERS:
            return f"search cannot be longer than {MAX_SEARCH_CHARACTERS} characters"
        if len(value.split()) > MAX_SEARCH_WORDS:
            return f"search cannot have more than {MAX_SEARCH_WORDS} words"
    if name not in FREE_TEXT_PARAMETERS:
        for item in value.split(","):
            item = item.strip()
            if _INTEGER.fullmatch(item) and not _fits_64_bits(item):
                shown = item if len(item) <= 40 else f"{item[:40]}…"
                return (
                    f"{name}: the number '{shown}' is out of range "
                    f"(from {INTEGER_MIN} to {INTEGER_MAX})"
                )
    return None
