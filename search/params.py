"""The search's input: the GET parameters read and checked (`SearchParams`), and the query's
terms as the French analyser sees them."""

from dataclasses import dataclass, field

from django.http import QueryDict

from . import french
from .registry import type_names

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12
PAGE_SIZE = 10
MAX_PAGE_SIZE = 50

FACETS = {
    "type": "Type de contenu",
    "theme": "Thème",
    "year": "Année",
    "organisation": "Structure",
    "region": "Région",
    "reference_type": "Type de référence",
}
SORTS = {"relevance": "Pertinence", "date": "Date"}
PARAMETERS = {"q", "sort", "page", "page_size", *FACETS}


class SearchInputError(ValueError):
    """A parameter that cannot be understood; its message is shown to the visitor."""


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE


def _positive_int(name: str, raw: str, maximum: int | None = None) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise SearchInputError(f"Le paramètre « {name} » doit être un nombre entier.") from None
    if value < 1 or (maximum is not None and value > maximum):
        limit = f" et {maximum}" if maximum else ""
        raise SearchInputError(f"Le paramètre « {name} » doit être compris entre 1{limit}.")
    return value


def _type_name(value: str) -> str:
    """`publications.NotePage` for `publications.notepage` or any other case; unknown: error."""
    names = type_names()
    try:
        return names[value.lower()]
    except KeyError:
        raise SearchInputError(
            f"Type inconnu « {value[:50]} » : choisir parmi {', '.join(sorted(names.values()))}."
        ) from None


def parse_params(data: QueryDict, *, strict: bool = True) -> SearchParams:
    """Read and check the GET parameters; `strict` refuses unknown parameter names."""
    unknown = sorted(set(data) - PARAMETERS)
    if strict and unknown:
        raise SearchInputError(
            f"Paramètre inconnu : {', '.join(unknown)}. "
            f"Paramètres acceptés : {', '.join(sorted(PARAMETERS))}."
        )
    params = SearchParams(q=" ".join(data.get("q", "").split())[:MAX_QUERY_LENGTH])
    sort = data.get("sort") or "relevance"
    if sort not in SORTS:
        raise SearchInputError(f"Tri inconnu « {sort[:50]} » : choisir parmi {', '.join(SORTS)}.")
    params.sort = sort
    params.page = _positive_int("page", data.get("page") or "1", maximum=10_000)
    params.page_size = _positive_int(
        "page_size", data.get("page_size") or str(PAGE_SIZE), maximum=MAX_PAGE_SIZE
    )
    for name in FACETS:
        values = [value.strip()[:100] for value in data.getlist(name) if value.strip()]
        if name == "year":
            for value in values:
                if not value.isdigit() or len(value) != 4:
                    raise SearchInputError("Le paramètre « year » attend une année (ex. 2016).")
        if name == "type":
            values = [_type_name(value) for value in values]
        if values:
            params.filters[name] = values[:20]
    return params


def query_terms(q: str) -> list[str]:
    """The analysed query: what must match. Empty for blank, stopword-only or punctuation."""
    return french.analyze(q)[:MAX_QUERY_TERMS]
