"""Relations fetched ahead of serialisation, as the API's serializers read them.

The API's prefetching (`api/prefetch.py`) leaves each to-many relation of a page as a plain
list on the page, under `prefetched_attr(name)`: model instances, or `SummaryRow` tuples when
the relation's summary is plain columns. The serializers read that list instead of building
the relation's manager for each item: `PrefetchedListSerializer` is the list serializer of the
summary serializers (`core/serializers.py`), which the page mixins' API fields use, so it lives
here, below both.
"""

from django.db.models.manager import BaseManager
from rest_framework import serializers


def prefetched_attr(name: str) -> str:
    """The attribute that holds the list prefetched for the relation `name`."""
    return f"_api_prefetched_{name}"


def prefetched_items(instance, name: str):
    """The related objects of `instance.<name>`: the prefetched list, else from the manager."""
    items = instance.__dict__.get(prefetched_attr(name))
    return getattr(instance, name).all() if items is None else items


class PrefetchedAttributeMixin:
    """For a serializer field of a to-many relation: read the prefetched list, when there is
    one, without building the relation's manager (a new object for each item and relation)."""

    def get_attribute(self, instance):
        items = getattr(instance, "__dict__", {}).get(prefetched_attr(self.source))
        return super().get_attribute(instance) if items is None else items


class SummaryRow:
    """Base of the tuples `attach_api_rows` leaves instead of model instances: one attribute
    per column of the summary (`theme.slug`, `organisation.acronym`), read like a model's."""

    __slots__ = ()


class PrefetchedListSerializer(PrefetchedAttributeMixin, serializers.ListSerializer):
    """`many=True` serializer of a to-many relation that uses the list left by `prefetch_for_api`
    or `attach_api_rows` (`api/prefetch.py`).

    Make it the `list_serializer_class` of a summary serializer (`core/serializers.py`).
    """

    def to_representation(self, data):
        instance = getattr(data, "instance", None)
        if isinstance(data, BaseManager) and instance is not None:
            data = prefetched_items(instance, self.source)
        if isinstance(data, list) and data and isinstance(data[0], SummaryRow):
            return [row._asdict() for row in data]
        return super().to_representation(data)
