"""The notices in the unified search: live ones only, with their authors, keywords and themes."""

import datetime as dt
import functools

from django.conf import settings
from django.utils import translation

from search.registry import Source, register

from .choices import ReferenceType
from .models import Reference


def _queryset():
    return Reference.objects.live().with_related()


def _body(reference: Reference) -> str:
    people = [
        " ".join(filter(None, [person.given, person.family])) or person.literal
        for person in reference.contributors.all()
    ]
    texts = [
        reference.abstract,
        ", ".join(people),
        ", ".join(tag.name for tag in reference.keywords.all()),
        ", ".join(theme.name for theme in reference.themes.all()),
        reference.container_title,
        reference.publisher,
        reference.collection_title,
    ]
    return "\n".join(text for text in texts if text)


def _date(reference: Reference) -> dt.date | None:
    """The publication date, down to the year when that is all we know (sorting by date);
    a BC notice sorts as year 1."""
    if not reference.year:
        return None
    if reference.year < dt.MINYEAR:
        return dt.date(dt.MINYEAR, 1, 1)
    try:
        return dt.date(reference.year, reference.month or 1, reference.day or 1)
    except ValueError:
        return dt.date(reference.year, 1, 1)


@functools.cache
def _type_label(value: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(dict(ReferenceType.choices).get(value, value))


def _reference_type(reference: Reference) -> str:
    """The type's French label, as `get_reference_type_display()` gives it on the French site,
    looked up once (an import indexes thousands of notices of a handful of types). Always
    French, whatever the language of the request that indexes (an editor's admin may be in
    English): the facet's values are these labels; the English search page translates them."""
    return _type_label(reference.reference_type)


register(
    Source(
        Reference,
        queryset=_queryset,
        title=lambda reference: reference.full_title,
        body=_body,
        url=lambda reference: reference.get_public_url() or "",
        date=_date,
        # The search index counts years from 1: a BC notice has no year facet there.
        year=lambda reference: reference.year if reference.year and reference.year > 0 else None,
        organisations=lambda reference: [reference.organisation] if reference.organisation else [],
        reference_type=_reference_type,
    )
)
