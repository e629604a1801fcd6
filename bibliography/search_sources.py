"""The notices in the unified search: live ones only, with their authors and keywords."""

import datetime as dt

from search.registry import Source, register

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
        reference.container_title,
        reference.publisher,
        reference.collection_title,
    ]
    return "\n".join(text for text in texts if text)


def _date(reference: Reference) -> dt.date | None:
    """The publication date, down to the year when that is all we know (sorting by date)."""
    if not reference.year:
        return None
    try:
        return dt.date(reference.year, reference.month or 1, reference.day or 1)
    except ValueError:
        return dt.date(reference.year, 1, 1)


register(
    Source(
        Reference,
        label="Notice bibliographique",
        queryset=_queryset,
        title=lambda reference: reference.full_title,
        body=_body,
        url=lambda reference: reference.get_public_url() or "",
        date=_date,
        year=lambda reference: reference.year,
        organisations=lambda reference: [reference.organisation] if reference.organisation else [],
        reference_type=lambda reference: reference.get_reference_type_display(),
    )
)
