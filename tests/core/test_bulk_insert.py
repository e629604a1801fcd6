"""`bulk_insert` writes what `bulk_create` writes, with its SQL compiled once."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from bibliography.models import Reference, ReferenceContributor
from core.bulk_insert import bulk_insert
from tests.factories import OrganisationFactory, ReferenceFactory, ThemeFactory

pytestmark = pytest.mark.django_db

COMPARED = [
    field.attname
    for field in Reference._meta.concrete_fields
    if field.attname not in ("id", "updated_at")
]


def _notices(organisation, prefix: str, created: datetime.datetime) -> list[Reference]:
    return [
        ReferenceFactory.build(
            title=f"{prefix} L'école et la laïcité",
            subtitle=gettext_lazy("Notice"),  # a lazy string goes through Django's preparation
            abstract="Résumé « accentué », sur deux\nlignes.",
            year=None,
            accessed=datetime.date(2016, 6, 15),
            organisation=organisation,
            created_at=created,
            live=False,
        ),
        ReferenceFactory.build(
            title=f"{prefix} Mixité sociale", year=2011, organisation=None, created_at=created
        ),
    ]


def _row(reference: Reference, prefix: str) -> dict:
    values = {name: getattr(reference, name) for name in COMPARED}
    values["title"] = values["title"].removeprefix(prefix)
    return values


def test_rows_read_back_equal_those_bulk_create_writes():
    organisation = OrganisationFactory()
    before = timezone.now()
    created = timezone.now() - datetime.timedelta(days=3)
    mine = _notices(organisation, "A", created)
    django = _notices(organisation, "B", created)
    bulk_insert(Reference, mine)
    Reference.objects.bulk_create(django)

    assert all(reference.pk and not reference._state.adding for reference in mine)
    for inserted, created in zip(mine, django, strict=True):
        stored = Reference.objects.get(pk=inserted.pk)
        expected = Reference.objects.get(pk=created.pk)
        assert _row(stored, "A") == _row(expected, "B")
        assert stored.updated_at >= before  # auto_now filled, as on save()
    assert str(Reference.objects.get(pk=mine[0].pk).subtitle) == "Notice"


def test_keys_come_back_in_order_across_several_statements():
    """SQLite takes about twenty-eight notices per statement: 100 need four."""
    notices = [ReferenceFactory.build(title=f"Notice {n}") for n in range(100)]
    bulk_insert(Reference, notices)
    assert len({notice.pk for notice in notices}) == 100
    for notice in notices:
        assert Reference.objects.get(pk=notice.pk).title == notice.title


def test_links_to_saved_objects_and_many_to_many_rows():
    notice = ReferenceFactory()
    theme = ThemeFactory()
    Through = Reference.themes.through
    bulk_insert(
        ReferenceContributor,
        [ReferenceContributor(reference=notice, family="Noiriel", sort_order=0)],
    )
    bulk_insert(Through, [Through(reference=notice, theme=theme)])
    assert [c.family for c in Reference.objects.get(pk=notice.pk).contributors.all()] == ["Noiriel"]
    assert list(Reference.objects.get(pk=notice.pk).themes.all()) == [theme]


def test_unsaved_related_object_is_refused_and_nothing_written():
    unsaved = ReferenceFactory.build()
    with pytest.raises(ValueError, match="unsaved related object"):
        bulk_insert(ReferenceContributor, [ReferenceContributor(reference=unsaved, family="X")])
    assert not ReferenceContributor.objects.exists()


def test_instances_that_already_have_a_key_are_refused():
    with pytest.raises(ValueError, match="only new instances"):
        bulk_insert(Reference, [ReferenceFactory()])
    assert Reference.objects.count() == 1


def test_rows_share_the_callers_transaction():
    """An import that fails after its first batch leaves nothing behind."""
    with pytest.raises(RuntimeError), transaction.atomic():
        bulk_insert(Reference, [ReferenceFactory.build() for _ in range(40)])
        assert Reference.objects.count() == 40
        raise RuntimeError("second batch unreadable")
    assert not Reference.objects.exists()
