"""What the unified search covers: one `Source` per searchable model.

Pages that use `core.pages.ContentPageMixin` (and the section index pages) are found
generically among the installed models; snippets are declared by their app, in a
`search_sources.py` module (imported at start-up by `SearchConfig.ready()`):

    from search.registry import Source, register

    register(Source(Reference, label=gettext_lazy("Notice bibliographique"),
                    year=lambda ref: ref.year, reference_type=lambda ref: ref.get_type_display()))

A source says how to get its public objects and how to read each facet; `search.indexing`
turns each public object into one `SearchRecord`, which is what the search backends index.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import get_language
from wagtail.models import DraftStateMixin, Page
from wagtail.search import index


def _public_queryset(model: type[models.Model]) -> models.QuerySet:
    """Live and public pages, live snippets with drafts, every object of a plain snippet."""
    manager = model._default_manager
    if issubclass(model, Page):
        return manager.live().public()
    if issubclass(model, DraftStateMixin):
        return manager.filter(live=True)
    return manager.all()


def _default_url(obj: models.Model) -> str:
    if isinstance(obj, Page):
        return obj.get_url() or ""
    get_absolute_url = getattr(obj, "get_absolute_url", None)
    return get_absolute_url() if callable(get_absolute_url) else ""


def _default_title(obj: models.Model) -> str:
    return str(getattr(obj, "title", "") or obj)


def _default_body(obj: models.Model) -> str:
    """The text of every searchable field except the title, as the model declares it, the
    searchable fields of its related objects included (a page's theme names, a practice's
    publics): « primo-arrivants » finds what is filed under that theme."""
    texts, related = [], []
    for search_field in obj.get_search_fields():
        if isinstance(search_field, index.RelatedFields):
            related.extend(_related_texts(obj, search_field))
        elif isinstance(search_field, index.SearchField) and search_field.field_name != "title":
            texts.extend(_field_texts(obj, search_field))
    # The vocabulary last: snippets are cut from the start of the text.
    return "\n".join(text for text in texts + related if text)


def _field_texts(obj: models.Model, search_field: index.SearchField) -> list[str]:
    try:
        value = search_field.get_value(obj)
    except (AttributeError, ValueError):
        return []
    return _flatten(value)


def _related_texts(obj: models.Model, related: index.RelatedFields) -> list[str]:
    """The related objects' searchable fields, joined by commas (« Laïcité, Discriminations »)."""
    value = getattr(obj, related.field_name, None)
    if value is None:
        return []
    objects = value.all() if hasattr(value, "all") else [value]
    fields = [field for field in related.fields if isinstance(field, index.SearchField)]
    texts = []
    for related_obj in objects:
        for search_field in fields:
            texts.extend(_field_texts(related_obj, search_field))
    return [", ".join(text for text in texts if text)]


def _flatten(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [text for item in value for text in _flatten(item)]
    return [" ".join(strip_tags(str(value)).split())]


def _default_date(obj: models.Model) -> dt.date | None:
    value = getattr(obj, "date", None) or getattr(obj, "first_published_at", None)
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _default_year(obj: models.Model) -> int | None:
    year = getattr(obj, "year", None)
    if isinstance(year, int):
        return year
    value = _default_date(obj)
    return value.year if value else None


def _related(name: str) -> Callable[[models.Model], Iterable[models.Model]]:
    def read(obj: models.Model) -> Iterable[models.Model]:
        manager = getattr(obj, name, None)
        return list(manager.all()) if manager is not None else []

    return read


def _attribute(name: str) -> Callable[[models.Model], str]:
    return lambda obj: getattr(obj, name, "") or ""


@dataclass
class Source:
    """One searchable model: its public objects, its type label and how to read each facet."""

    model: type[models.Model]
    label: str = ""  # the model's verbose name by default; lazy (translated) text welcome
    queryset: Callable[[], models.QuerySet] | None = None
    title: Callable[[models.Model], str] = _default_title
    body: Callable[[models.Model], str] = _default_body
    url: Callable[[models.Model], str] = _default_url
    date: Callable[[models.Model], dt.date | None] = _default_date
    year: Callable[[models.Model], int | None] = _default_year
    themes: Callable[[models.Model], Iterable[models.Model]] = field(
        default_factory=lambda: _related("themes")
    )
    organisations: Callable[[models.Model], Iterable[models.Model]] = field(
        default_factory=lambda: _related("organisations")
    )
    region: Callable[[models.Model], str] = field(default_factory=lambda: _attribute("region"))
    reference_type: Callable[[models.Model], str] = lambda obj: ""
    # Multiplies the relevance of every record of the source on every backend: the network's
    # own productions (`search_boost` on their page model) before the notices on the same
    # subject, which are many, short and would otherwise crowd them out.
    boost: float = 1.0

    def __post_init__(self) -> None:
        if not self.label:
            # Lazy: read in the language of the page that shows it (`str(source.label)`).
            self.label = capfirst(self.model._meta.verbose_name)

    @property
    def key(self) -> str:
        """The value of the content type facet: `app_label.modelname`."""
        return self.model._meta.label_lower

    @property
    def type_name(self) -> str:
        """The type as the API names it, as `/api/v2/pages/?type=` does: `app_label.ModelName`."""
        return self.model._meta.label

    def get_queryset(self) -> models.QuerySet:
        return self.queryset() if self.queryset else _public_queryset(self.model)

    def is_public(self, obj: models.Model) -> bool:
        return self.get_queryset().filter(pk=obj.pk).exists()


_explicit: dict[str, Source] = {}
_cache: dict[str, Source] | None = None
# The sources' labels by language (`type_labels`), forgotten with `_cache`.
_labels: dict[str | None, dict[str, str]] = {}


def register(source: Source) -> Source:
    """Declare a searchable model (snippets; content pages are found on their own)."""
    global _cache
    _explicit[source.key] = source
    _cache = None
    _labels.clear()
    return source


def unregister(model: type[models.Model]) -> None:
    global _cache
    _explicit.pop(model._meta.label_lower, None)
    _cache = None
    _labels.clear()


def _with_related_search_fields(model: type[models.Model]) -> Callable[[], models.QuerySet]:
    """The public queryset with what the record reads prefetched (themes, member structures,
    the `RelatedFields` of the body): one query per relation per batch, not per page."""
    names = {"themes", "organisations"} & {field.name for field in model._meta.get_fields()}
    names |= {
        field.field_name
        for field in model.get_search_fields()
        if isinstance(field, index.RelatedFields)
    }
    return lambda: _public_queryset(model).prefetch_related(*sorted(names))


def _generic_page_sources() -> dict[str, Source]:
    from core.pages import ContentPageMixin, SectionIndexPage

    found = {}
    for model in apps.get_models():
        if issubclass(model, ContentPageMixin | SectionIndexPage) and issubclass(model, Page):
            source = Source(
                model,
                queryset=_with_related_search_fields(model),
                boost=getattr(model, "search_boost", 1.0),
            )
            found[source.key] = source
    return found


def get_sources() -> dict[str, Source]:
    """Every source by key: generic pages first, explicit registrations override them."""
    global _cache
    if _cache is None:
        _cache = {**_generic_page_sources(), **_explicit}
    return _cache


def type_labels() -> dict[str, str]:
    """Each source's label by key, in the active language.

    Read once per language: a search labels its type facet and each result, and translating
    the lazy labels again was a tenth of an uncached search through the API.
    """
    language = get_language()
    labels = _labels.get(language)
    if labels is None:
        labels = {key: str(source.label) for key, source in get_sources().items()}
        _labels[language] = labels
    return labels


def type_name(key: str) -> str:
    """The API's name (`publications.NotePage`) of a record's source key (`….notepage`)."""
    source = get_sources().get(key)
    return source.type_name if source else key


def type_names() -> dict[str, str]:
    """The API's type names by their lower-case spelling (the sources' keys)."""
    return {key: source.type_name for key, source in get_sources().items()}


def get_source_for_model(model: type[models.Model]) -> Source | None:
    return get_sources().get(model._meta.label_lower)
