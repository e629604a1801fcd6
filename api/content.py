"""Which page types fulfil the content contract, and how to reach their fields from `Page`.

The API's generic filters (`?themes=`, `?year=`, `?order=-date`…) must work on every content
type, including those other apps add later, without them registering anything: the contract is
`core.pages.ContentPageMixin`, found here by introspecting the installed models.
"""

from collections.abc import Iterable
from functools import cache

from django.apps import apps
from django.db import models
from django.db.models import DateField, F, Value
from django.db.models.functions import Coalesce
from wagtail.models import Page

from core.pages import ContentPageMixin


@cache
def content_page_models() -> tuple[type[Page], ...]:
    """Concrete page models that fulfil `ContentPageMixin`, in a stable order."""
    found = [
        model
        for model in apps.get_models()
        if issubclass(model, ContentPageMixin) and issubclass(model, Page)
    ]
    return tuple(sorted(found, key=lambda m: m._meta.label))


def content_models_within(base: type[models.Model]) -> list[type[Page]]:
    """Content models whose rows a queryset of `base` can hold (itself or its subclasses)."""
    return [model for model in content_page_models() if issubclass(model, base)]


def date_owner_models(base: type[models.Model]) -> list[type[Page]]:
    """Content models below `base` whose own table holds the `date` column (no duplicates)."""
    return [
        model
        for model in content_models_within(base)
        if model._meta.get_field("date").model is model and model is not base
    ]


def lookup_from(base: type[models.Model], model: type[models.Model]) -> str:
    """The ORM path from `base` down to its multi-table subclass `model` (`notepage`, `a__b`)."""
    chain = []
    current = model
    while current is not base:
        parent = next(p for p in current._meta.parents if issubclass(p, base))
        link = current._meta.get_ancestor_link(parent)
        chain.append(link.related_query_name())
        current = parent
    return "__".join(reversed(chain))


def content_date(base: type[models.Model], among: Iterable[type[Page]] | None = None):
    """An expression giving a queryset of `base` its rows' content `date` (publication date,
    start of an event…) whatever their type, or NULL for pages without one. `among`: the only
    types the rows can be (one join each, instead of one per content type)."""
    owners = date_owner_models(base)
    if among is not None:
        kinds = tuple(among)
        owners = [model for model in owners if issubclass(model, kinds)]
    if not owners:
        return Value(None, output_field=DateField())
    paths = [F(f"{lookup_from(base, model)}__date") for model in owners]
    return Coalesce(*paths) if len(paths) > 1 else paths[0]
