"""Fetch what a page type's API fields need in a few queries per listing, not per item.

`prefetch_for_api(queryset)` reads the model's `api_fields`: a foreign key is joined
(`select_related`), a many-to-many, a tag manager or a child relation (`ParentalKey`) is
prefetched. A model that needs more (nested relations, filtered prefetches) lists extra
lookups or `Prefetch` objects in an `api_prefetch()` classmethod. The serializers must then read
relations with `.all()` only: a `.filter()`, `.order_by()` or `.select_related()` on a
prefetched relation runs a new query per item.

Tags, and many-to-many fields whose API serializer is a `PrefetchedListSerializer` (themes,
member structures…), are not prefetched as model instances: `attach_api_rows(pages)`, run once
the pages are fetched, reads them in one `values_list` query per relation into plain lists of
`SummaryRow` tuples (`core/prefetched.py`), which `PrefetchedListSerializer`,
`api.views.PrefetchedTagsField` and `prefetched_items` read. Building a model instance and
running it through a `ModelSerializer` for each theme of each page was most of a typed
listing's prefetching cost. A relation whose summary is more than plain columns (a method
field, a nested object) falls back to an ordinary prefetch, unless the model reads it as rows
itself with an `api_rows()` classmethod (`PaperPage`'s authors).
"""

from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import NamedTuple

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Prefetch
from rest_framework import serializers
from rest_framework.serializers import Serializer
from rest_framework.utils.field_mapping import ClassLookupDict
from taggit.managers import TaggableManager

from core.prefetched import PrefetchedListSerializer, SummaryRow, prefetched_attr

from .content_version import VersionedMemo

LOOKUPS = VersionedMemo()

# DRF fields whose representation of a database value is that value (`str`, `int`, `bool` of
# what the column holds): a summary made of these alone can be read as plain rows.
PLAIN_REPRESENTATION = (
    serializers.CharField,
    serializers.SlugField,
    serializers.IntegerField,
    serializers.BigIntegerField,
    serializers.BooleanField,
)


class RowRelation(NamedTuple):
    """A to-many relation of a page model read as `SummaryRow`s (see `attach_api_rows`)."""

    name: str  # the relation on the page model: `themes`, `tags`
    owner: str  # the column of the link table that holds the page's id
    row: type[SummaryRow]
    # The rows of every page, in order: built once (`api_row_relations` keeps the relation),
    # only ever filtered, never evaluated. Building it took a third of each query's time.
    queryset: models.QuerySet

    def load(self, page_ids: list, version: str | None = None) -> Iterator[tuple]:
        """(page id, row) pairs for the pages, in order."""
        make = self.row._make
        for values in self.queryset.filter(**{f"{self.owner}__in": page_ids}):
            yield values[0], make(values[1:])


def _rows_queryset(through, owner: str, target: str, row, ordering) -> models.QuerySet:
    columns = [f"{target}__{name}" for name in row._fields]
    return through._default_manager.order_by(*ordering).values_list(owner, *columns)


def _row_class(model: type[models.Model], columns: tuple[str, ...]) -> type[SummaryRow]:
    base = namedtuple(f"{model.__name__}Row", columns)
    return type(base.__name__, (base, SummaryRow), {"__slots__": ()})


def summary_columns(serializer) -> tuple[str, ...] | None:
    """The columns a `many=True` summary serializer shows, when each is a plain model column
    shown as it is stored; None otherwise."""
    child = getattr(serializer, "child", None)
    model = getattr(getattr(child, "Meta", None), "model", None)
    if model is None or type(child).to_representation is not Serializer.to_representation:
        return None
    built_for = ClassLookupDict(child.serializer_field_mapping)
    columns = []
    for name, field in child.fields.items():
        if type(field) not in PLAIN_REPRESENTATION or field.source != name or field.write_only:
            return None
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if model_field.is_relation or not model_field.concrete:
            return None
        try:
            if type(field) is not built_for[model_field]:  # a CharField over a number…
                return None
        except KeyError:
            return None
        columns.append(name)
    return tuple(columns)


def _ordering(model: type[models.Model], target: str) -> tuple[str, ...] | None:
    """`model`'s default ordering seen from the link table, then its id: the order a prefetch
    of the relation gives, ties broken the same way every time. None for an ordering by
    expressions, which is left to the ordinary prefetch."""
    ordering = []
    for name in model._meta.ordering:
        if not isinstance(name, str):
            return None
        descending = name.startswith("-")
        ordering.append(f"{'-' if descending else ''}{target}__{name.lstrip('-')}")
    return (*ordering, f"{target}__pk")


def _row_relation(model, name: str, field, serializer) -> RowRelation | None:
    if isinstance(field, TaggableManager):
        through = field.through
        try:
            owner = through._meta.get_field("content_object")
        except FieldDoesNotExist:  # tags of any model (taggit's generic relation)
            return None
        if not (owner.many_to_one and issubclass(model, owner.related_model)):
            return None
        row = _row_class(through._meta.get_field("tag").related_model, ("name",))
        # Distinct, as taggit's own prefetch: nothing stops a page from being tagged twice.
        queryset = _rows_queryset(through, owner.attname, "tag", row, ()).distinct()
        return RowRelation(name, owner.attname, row, queryset)
    if not (field.many_to_many and isinstance(serializer, PrefetchedListSerializer)):
        return None
    columns = summary_columns(serializer)
    through = field.remote_field.through
    target = field.m2m_reverse_field_name()
    ordering = _ordering(field.related_model, target)
    if columns is None or ordering is None or not through._meta.auto_created:
        return None
    owner = through._meta.get_field(field.m2m_field_name())
    row = _row_class(field.related_model, columns)
    queryset = _rows_queryset(through, owner.attname, target, row, ordering)
    return RowRelation(name, owner.attname, row, queryset)


def _api_model_fields(model: type[models.Model]) -> Iterator[tuple]:
    """(name, model field, serializer or None) of the model's API fields that are model fields
    (not properties)."""
    for api_field in getattr(model, "api_fields", []):
        name = getattr(api_field, "name", api_field)
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        yield name, field, getattr(api_field, "serializer", None)


@cache
def api_row_relations(model: type[models.Model]) -> tuple[RowRelation, ...]:
    """The relations of `model`'s API fields that `attach_api_rows` reads as rows."""
    relations = (
        _row_relation(model, name, field, serializer)
        for name, field, serializer in _api_model_fields(model)
    )
    return tuple(relation for relation in relations if relation is not None)


RowLoader = Callable[[list, str | None], Iterable[tuple]]


@cache
def api_row_loaders(model: type[models.Model]) -> dict[str, RowLoader]:
    """The model's own row relations: `api_rows()` maps a relation's name to a function that
    takes the pages' ids and the content version (or None) and returns (page id, row) pairs,
    in order."""
    return model.api_rows() if hasattr(model, "api_rows") else {}


def attach_api_rows(instances: list, version: str | None = None) -> list:
    """Leave on each of `instances` (pages of one model, fetched with `prefetch_for_api`) the
    rows of its row relations, one query per relation for them all; returns `instances`.
    Given the content version, loaders may keep what they read from the content for it."""
    if not instances:
        return instances
    model = type(instances[0])
    ids = [instance.pk for instance in instances]
    loaders = {
        relation.name: relation.load for relation in api_row_relations(model)
    } | api_row_loaders(model)
    for name, load in loaders.items():
        grouped = {pk: [] for pk in ids}
        for page_id, row in load(ids, version):
            grouped[page_id].append(row)
        attr = prefetched_attr(name)
        for instance in instances:
            instance.__dict__[attr] = grouped[instance.pk]
    return instances


def api_relation_lookups(model) -> tuple[list[str], list]:
    """(select_related, prefetch_related) lookups for the model's API fields.

    A relation the model's `api_prefetch()` fetches itself with a `Prefetch` object, or that
    `attach_api_rows` reads, is not prefetched.
    """
    extra = list(model.api_prefetch()) if hasattr(model, "api_prefetch") else []
    own = {lookup.prefetch_through for lookup in extra if isinstance(lookup, Prefetch)}
    own.update(relation.name for relation in api_row_relations(model))
    own.update(api_row_loaders(model))
    joins, prefetches = [], []
    for name, field, serializer in _api_model_fields(model):
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
    it builds them (a `public()` queryset reads the view restrictions), and the version
    changes with it. The memo's querysets are never evaluated, only filtered.
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
