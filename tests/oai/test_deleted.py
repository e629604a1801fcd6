import pytest
from wagtail.models import PageViewRestriction

from bibliography.importer import Importer, parse_text
from bibliography.importer.undo import undo_import
from bibliography.models import Reference
from tests.factories import ReferenceFactory, ThemeFactory
from tests.factories.publications import NotePageFactory, PublicationIndexPageFactory

pytestmark = pytest.mark.django_db


def record(oai, kind, pk):
    return oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:testserver:{kind}/{pk}")


def status(response):
    statuses = response.xpath("//oai:header/@status")
    return statuses[0] if statuses else "live"


@pytest.fixture
def note(home_page):
    index = PublicationIndexPageFactory(parent=home_page)
    page = NotePageFactory(parent=index)
    page.save_revision().publish()
    return page


def test_unpublished_notice_is_deleted_until_published_again(oai):
    reference = ReferenceFactory()
    reference.themes.add(ThemeFactory(slug="laicite"))
    reference.save_revision().publish()
    reference.unpublish()
    response = record(oai, "reference", reference.pk)
    assert status(response) == "deleted"
    assert response.xpath("//oai:metadata") == []
    assert "theme:laicite" in response.texts("//oai:setSpec")
    listed = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="theme:laicite")
    assert status(listed) == "deleted"

    Reference.objects.get(pk=reference.pk).save_revision().publish()
    assert status(record(oai, "reference", reference.pk)) == "live"
    assert status(oai(verb="ListIdentifiers", metadataPrefix="oai_dc")) == "live"


def test_deleted_notice_keeps_its_sets(oai):
    reference = ReferenceFactory()
    reference.themes.add(ThemeFactory(slug="sante"))
    reference.save()
    pk = reference.pk
    reference.delete()
    response = record(oai, "reference", pk)
    assert status(response) == "deleted"
    assert set(response.texts("//oai:setSpec")) == {"type:reference", "theme:sante"}


def test_a_draft_never_published_is_not_a_deleted_record(oai):
    draft = ReferenceFactory(live=False)
    assert record(oai, "reference", draft.pk).error == "idDoesNotExist"


def test_unpublished_and_deleted_page(oai, note):
    note.unpublish()
    assert status(record(oai, "page", note.pk)) == "deleted"
    note.refresh_from_db()
    note.save_revision().publish()
    assert status(record(oai, "page", note.pk)) == "live"
    pk = note.pk
    note.delete()
    assert status(record(oai, "page", pk)) == "deleted"


def test_restricted_page_is_deleted_and_comes_back_with_a_new_datestamp(oai, note):
    before = record(oai, "page", note.pk).texts("//oai:datestamp")[0]
    restriction = PageViewRestriction.objects.create(
        page=note.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    response = record(oai, "page", note.pk)
    assert status(response) == "deleted"
    assert oai(verb="ListRecords", metadataPrefix="oai_dc").xpath("//oai:metadata") == []
    restriction.delete()
    response = record(oai, "page", note.pk)
    assert status(response) == "live"
    assert response.texts("//oai:datestamp")[0] >= before
    listed = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": before})
    assert f"oai:testserver:page/{note.pk}" in listed.identifiers


RIS = "".join(
    f"TY  - BOOK\nTI  - Notice importée {n}\nPY  - 2016\nAU  - Martin, Camille\nER  - \n\n"
    for n in range(3)
)


def test_imported_notices_are_harvested_and_an_undone_import_leaves_tombstones(oai):
    report = Importer(keep_rows=False).run(parse_text(RIS, "ris"))
    assert report.counts["created"] == 3
    pks = list(Reference.objects.values_list("pk", flat=True))
    listed = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert sorted(listed.identifiers) == sorted(f"oai:testserver:reference/{pk}" for pk in pks)
    assert status(listed) == "live"

    from bibliography.models import ImportBatch

    undo_import(ImportBatch.objects.get())
    listed = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert len(listed.identifiers) == 3
    assert set(listed.xpath("//oai:header/@status")) == {"deleted"}


def test_cached_responses_never_outlive_a_change(oai, settings):
    settings.OAI_CACHE_TIMEOUT = 600
    reference = ReferenceFactory(title="Avant")
    assert record(oai, "reference", reference.pk).texts("//dc:title") == ["Avant"]
    reference.title = "Après"
    reference.save()
    assert record(oai, "reference", reference.pk).texts("//dc:title") == ["Après"]
    reference.unpublish()
    assert status(record(oai, "reference", reference.pk)) == "deleted"
