"""The search's answer as JSON: one entry per record of the page (highlighted title and
snippet, themes, language), and the empty answer every response starts from."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import get_language_from_path
from wagtail.models import Page

from . import french
from .models import SearchRecord
from .params import FACETS, SearchParams
from .registry import get_sources, type_labels
from .vocabulary import vocabulary


def theme_summaries(records: list[SearchRecord]) -> dict[int, list[dict]]:
    """Each record's themes by name, from its own copy of their ids (no query)."""
    known = vocabulary().themes
    themes: dict[int, list[dict]] = {}
    for record in records:
        named = [known[pk] for pk in record.theme_ids if pk in known]
        if named:
            themes[record.pk] = [
                {"slug": slug, "name": name}
                for slug, name in sorted(named, key=lambda theme: theme[1])
            ]
    return themes


def record_language(record: SearchRecord) -> str:
    """The language a record is written in: a page's is its address's (`/en/…` is English,
    Wagtail's locales); notices, press items and themes are in the site's language, French."""
    source = get_sources().get(record.source)
    if source is not None and issubclass(source.model, Page):
        return get_language_from_path(urlsplit(record.url).path) or settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE


def snippet_text(record: SearchRecord) -> str:
    """The text a snippet is cut from: the body without a first line that only repeats the
    title (a theme's body starts with its name, the title already shown above the snippet; a
    theme without a description has nothing else, and no snippet)."""
    first, _newline, rest = record.body.partition("\n")
    if first.strip() == record.title.strip():
        return rest.lstrip("\n")
    return record.body


def result_entry(
    record: SearchRecord, terms: set[str], themes: list[dict], marked: dict[str, str] | None = None
) -> dict:
    """One result; `marked`: the title and snippet the engine highlighted, when it did."""
    marked = marked or {}
    text = snippet_text(record)
    # The engine's fragment is cut from the whole body: not where the body repeats the title.
    engine_snippet = marked.get("snippet") if text == record.body else None
    source = get_sources().get(record.source)
    return {
        "type": source.type_name if source else record.source,
        "type_label": type_labels().get(record.source, record.source),
        "title": record.title,
        "title_html": marked.get("title") or french.highlight(record.title, terms, max_length=1000),
        "url": record.url,
        "snippet": engine_snippet or french.highlight(text, terms),
        "date": record.date.isoformat() if record.date else None,
        "year": record.year,
        "themes": themes,
        "language": record_language(record),
    }


def empty_response(params: SearchParams, backend: str = "database") -> dict:
    return {
        "query": params.q,
        "backend": backend,
        "total": 0,
        "page": params.page,
        "page_size": params.page_size,
        "num_pages": 0,
        "sort": params.sort,
        "filters": params.filters,
        "results": [],
        "facets": {name: [] for name in FACETS},
    }
