"""The search's input: the GET parameters read and checked (`SearchParams`), and the query's
terms as the French analyser sees them."""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import french
from .registry import type_names

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12
PAGE_SIZE = 10
MAX_PAGE_SIZE = 50

# Labels of the search page, in the page's language (French here, English in locale/en).
FACETS = {
    "type": gettext_lazy("Type de contenu"),
    "theme": gettext_lazy("Thème"),
    "year": gettext_lazy("Année"),
    "organisation": gettext_lazy("Structure"),
    "region": gettext_lazy("Région"),
    "reference_type": gettext_lazy("Type de référence"),
}
SORTS = {"relevance": gettext_lazy("Pertinence"), "date": gettext_lazy("Date")}
PARAMETERS = {"q", "sort", "page", "page_size", *FACETS}


class SearchInputError(ValueError):
    """A parameter that cannot be understood; its message is shown to the visitor.

    Written in English, as every message of the API; the search page shows the French
    translation (locale/fr), the API answers in English whatever the request's language."""


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE


def _positive_int(name: str, raw: str, maximum: int) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise SearchInputError(_("%(name)s must be an integer") % {"name": name}) from None
    if not 1 <= value <= maximum:
        raise SearchInputError(
            _("%(name)s must be between 1 and %(maximum)s") % {"name": name, "maximum": maximum}
        )
    return value


def unknown_parameters(unknown: list[str], accepted: list[str]) -> str:
    return _("unknown parameter(s): %(unknown)s; accepted: %(accepted)s") % {
        "unknown": ", ".join(unknown),
        "accepted": ", ".join(accepted),
    }


def nul_character(name: str) -> str:
    return _("%(name)s must not contain a NUL character") % {"name": name[:50]}


def _type_name(value: str) -> str:
    """`publications.NotePage` for `publications.notepage` or any other case; unknown: error."""
    names = type_names()
    try:
        return names[value.lower()]
    except KeyError:
        raise SearchInputError(
            _("unknown type '%(type)s', expected one of %(types)s")
            % {"type": value[:50], "types": ", ".join(sorted(names.values()))}
        ) from None


def parse_params(data: QueryDict, *, strict: bool = True) -> SearchParams:
    """Read and check the GET parameters; `strict` refuses unknown parameter names."""
    unknown = sorted(set(data) - PARAMETERS)
    if strict and unknown:
        raise SearchInputError(unknown_parameters(unknown, sorted(PARAMETERS)))
    for name, values in data.lists():
        if any("\x00" in value for value in values):
            # PostgreSQL refuses NUL in text: a 400 here rather than a 500 from the database.
            raise SearchInputError(nul_character(name))
    params = SearchParams(q=" ".join(data.get("q", "").split())[:MAX_QUERY_LENGTH])
    sort = data.get("sort") or "relevance"
    if sort not in SORTS:
        raise SearchInputError(
            _("unknown sort '%(sort)s', expected one of %(sorts)s")
            % {"sort": sort[:50], "sorts": ", ".join(SORTS)}
        )
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
                    raise SearchInputError(_("year must be a four-digit year (e.g. 2016)"))
        if name == "type":
            values = [_type_name(value) for value in values]
        if values:
            params.filters[name] = values[:20]
    return params


def query_terms(q: str) -> list[str]:
    """The analysed query: what must match. Empty for blank, stopword-only or punctuation."""
    return french.analyze(q)[:MAX_QUERY_TERMS]
