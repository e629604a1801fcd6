"""Where the records come from: live notices, live public content pages, tombstones.

Each source is a queryset annotated with `oai_datestamp` and ordered by
(`oai_datestamp`, `pk`); a listing merges the three in Python on the stable key
(datestamp, source rank, pk), so a page of results starts right after the last key returned
(`oai/listing.py`), whatever was published in the meantime.
"""

import datetime
from functools import cache

from django.apps import apps
from django.db.models import DateTimeField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from wagtail.models import Page

from core.pages import ContentPageMixin

REFERENCE = "reference"
PAGE = "page"
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


@cache
def content_page_models() -> tuple[type[Page], ...]:
    """The page types served: every concrete content page (notes, news, events, sheets…)."""
    return tuple(
        model
        for model in apps.get_models()
        if issubclass(model, Page) and issubclass(model, ContentPageMixin)
    )


def is_content_page_model(model) -> bool:
    return model in content_page_models()


def reference_queryset() -> QuerySet:
    from bibliography.models import Reference

    return Reference.objects.filter(live=True).annotate(oai_datestamp=F("updated_at"))


def page_queryset() -> QuerySet:
    """Live, public content pages; the datestamp is the last publication, or the return of a
    page whose restriction was lifted (kept by its tombstone row)."""
    from django.contrib.contenttypes.models import ContentType

    from .models import Tombstone

    returned = Tombstone.objects.filter(kind=PAGE, object_id=OuterRef("pk"), deleted=False)
    own = Coalesce(
        "last_published_at",
        "first_published_at",
        "latest_revision_created_at",
        Value(EPOCH),
        output_field=DateTimeField(),
    )
    types = ContentType.objects.get_for_models(*content_page_models()).values()
    return (
        Page.objects.live()
        .public()
        .filter(content_type__in=types)
        .annotate(
            oai_datestamp=Greatest(
                own,
                Coalesce(
                    Subquery(returned.values("datestamp")[:1]),
                    Value(EPOCH),
                    output_field=DateTimeField(),
                ),
                output_field=DateTimeField(),
            )
        )
    )


def tombstone_queryset() -> QuerySet:
    from .models import Tombstone

    return Tombstone.objects.filter(deleted=True).annotate(oai_datestamp=F("datestamp"))


def filter_pages_by_set(queryset: QuerySet, set_filter) -> QuerySet:
    if set_filter.model_name:
        models = [m for m in content_page_models() if m._meta.model_name == set_filter.model_name]
        if not models:
            return queryset.none()
        from django.contrib.contenttypes.models import ContentType

        return queryset.filter(
            content_type__in=ContentType.objects.get_for_models(*models).values()
        )
    if set_filter.themes is not None:
        related = "themes__in", set_filter.themes
    elif set_filter.organisations is not None:
        related = "organisations__in", set_filter.organisations
    else:
        return queryset
    selected = Q()
    for model in content_page_models():
        selected |= Q(pk__in=model.objects.filter(**{related[0]: related[1]}).values("pk"))
    return queryset.filter(selected)


def filter_references_by_set(queryset: QuerySet, set_filter) -> QuerySet:
    if set_filter.model_name:
        return queryset if set_filter.model_name == "reference" else queryset.none()
    if set_filter.themes is not None:
        ids = queryset.model.themes.through.objects.filter(theme_id__in=set_filter.themes)
        return queryset.filter(pk__in=ids.values("reference_id"))
    if set_filter.organisations is not None:
        return queryset.filter(organisation_id__in=set_filter.organisations)
    return queryset
