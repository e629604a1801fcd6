"""Fetch what a page type's API fields need in a few queries per listing, not per item.

`prefetch_for_api(queryset)` reads the model's `api_fields`: a foreign key is joined
(`select_related`), a many-to-many, a tag manager or a child relation (`ParentalKey`) is
prefetched. A model that needs more (nested relations, filtered prefetches) lists extra
lookups or `Prefetch` objects in an `api_prefetch()` classmethod. The serializers must then read
relations with `.all()` only: a `.filter()`, `.order_by()` or `.select_related()` on a
prefetched relation runs a new query per item.

Tags are prefetched into a plain list (`prefetched_tags_attr`), read by
`core.api_views.PrefetchedTagsField`: Django would otherwise build a filtered tags queryset
for every item only to hold its results, the costliest part of a listing's prefetching.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Prefetch
from taggit.managers import TaggableManager


def prefetched_tags_attr(name: str) -> str:
    """The attribute that holds a tag field's prefetched tags (a list)."""
    return f"_api_prefetched_{name}"


def api_relation_lookups(model) -> tuple[list[str], list]:
    """(select_related, prefetch_related) lookups for the model's API fields."""
    joins, prefetches = [], []
    for api_field in getattr(model, "api_fields", []):
        name = getattr(api_field, "name", api_field)
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, TaggableManager):
            prefetches.append(Prefetch(name, to_attr=prefetched_tags_attr(name)))
        elif field.many_to_many or field.one_to_many:
            prefetches.append(name)
        elif field.many_to_one or field.one_to_one:
            joins.append(name)
    if hasattr(model, "api_prefetch"):
        prefetches.extend(model.api_prefetch())
    return joins, prefetches


def prefetch_for_api(queryset: models.QuerySet) -> models.QuerySet:
    joins, prefetches = api_relation_lookups(queryset.model)
    if joins:
        queryset = queryset.select_related(*joins)
    if prefetches:
        queryset = queryset.prefetch_related(*prefetches)
    return queryset
