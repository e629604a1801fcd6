"""Fetch what a page type's API fields need in a few queries per listing, not per item.

`prefetch_for_api(queryset)` reads the model's `api_fields`: a foreign key is joined
(`select_related`), a many-to-many, a tag manager or a child relation (`ParentalKey`) is
prefetched. A model that needs more (nested relations, filtered prefetches) lists extra
lookups or `Prefetch` objects in an `api_prefetch()` classmethod. The serializers must then read
relations with `.all()` only: a `.filter()`, `.order_by()` or `.select_related()` on a
prefetched relation runs a new query per item.

Tags, and many-to-many fields whose API serializer is a `PrefetchedListSerializer` (themes,
member structures…), are prefetched into plain lists (`prefetched_attr`), read by
`core.api_views.PrefetchedTagsField`, `PrefetchedListSerializer` and `prefetched_items`:
Django would otherwise build a filtered queryset for every item and relation only to hold its
results, most of a listing's prefetching cost.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Prefetch
from django.db.models.manager import BaseManager
from rest_framework import serializers
from taggit.managers import TaggableManager

from .api_cache import VersionedMemo

LOOKUPS = VersionedMemo()


def prefetched_attr(name: str) -> str:
    """The attribute that holds the list prefetched for the relation `name`."""
    return f"_api_prefetched_{name}"


def prefetched_items(instance, name: str):
    """The related objects of `instance.<name>`: the prefetched list, else from the manager."""
    items = instance.__dict__.get(prefetched_attr(name))
    return getattr(instance, name).all() if items is None else items


class PrefetchedListSerializer(serializers.ListSerializer):
    """`many=True` serializer of a to-many relation that uses the list left by `prefetch_for_api`.

    Make it the `list_serializer_class` of a summary serializer (`core.serializers`).
    """

    def to_representation(self, data):
        instance = getattr(data, "instance", None)
        if isinstance(data, BaseManager) and instance is not None:
            data = prefetched_items(instance, self.source)
        return super().to_representation(data)


def api_relation_lookups(model) -> tuple[list[str], list]:
    """(select_related, prefetch_related) lookups for the model's API fields.

    A relation the model's `api_prefetch()` fetches itself with a `Prefetch` object is not
    prefetched a second time.
    """
    extra = list(model.api_prefetch()) if hasattr(model, "api_prefetch") else []
    own = {lookup.prefetch_through for lookup in extra if isinstance(lookup, Prefetch)}
    joins, prefetches = [], []
    for api_field in getattr(model, "api_fields", []):
        name = getattr(api_field, "name", api_field)
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        serializer = getattr(api_field, "serializer", None)
        if name in own:
            continue
        if isinstance(field, TaggableManager) or (
            field.many_to_many and isinstance(serializer, PrefetchedListSerializer)
        ):
            prefetches.append(Prefetch(name, to_attr=prefetched_attr(name)))
        elif field.many_to_many or field.one_to_many:
            prefetches.append(name)
        elif field.many_to_one or field.one_to_one:
            joins.append(name)
    return joins, prefetches + extra


def prefetch_for_api(queryset: models.QuerySet, version: str | None = None) -> models.QuerySet:
    """`queryset` with its API fields' relations joined or prefetched.

    Given the content version (`request.api_content_version`), the lookups are built once per
    version and model rather than per request: an `api_prefetch()` may read the content as
    it builds them (the related pages' `public()` reads the view restrictions), and the
    version changes with it. The memo's querysets are never evaluated, only filtered.
    """
    model = queryset.model
    if version is None:
        joins, prefetches = api_relation_lookups(model)
    else:
        joins, prefetches = LOOKUPS.get(version, model, lambda: api_relation_lookups(model))
    if joins:
        queryset = queryset.select_related(*joins)
    if prefetches:
        queryset = queryset.prefetch_related(*prefetches)
    return queryset
