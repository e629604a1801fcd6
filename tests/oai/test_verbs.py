import pytest

from bibliography.choices import ReferenceType
from tests.factories import ContributorFactory, ReferenceFactory, ThemeFactory
from tests.factories.core import OrganisationFactory
from tests.factories.publications import NotePageFactory, PublicationIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice():
    theme = ThemeFactory(name="Laïcité", slug="laicite")
    reference = ReferenceFactory(
        title="Les discriminations dans le logement",
        subtitle="état des savoirs",
        reference_type=ReferenceType.REPORT,
        publisher="ORIV",
        year=2016,
        month=6,
        doi="10.1234/reci.2016",
        isbn="978-2-7071-9999-1",
        abstract="Un état des savoirs.",
        language="fr",
        organisation=OrganisationFactory(acronym="ORIV"),
    )
    reference.themes.add(theme)
    reference.save()
    ContributorFactory(reference=reference, family="Noiriel", given="Gérard")
    return reference


@pytest.fixture
def note(home_page):
    index = PublicationIndexPageFactory(parent=home_page)
    page = NotePageFactory(parent=index, title="Contrat de ville et discriminations")
    page.themes.add(ThemeFactory(name="Politique de la ville", slug="politique-de-la-ville"))
    page.organisations.add(OrganisationFactory(acronym="IREV"))
    page.save_revision().publish()
    return page


def test_identify(oai):
    response = oai(verb="Identify")
    assert response.texts("//oai:protocolVersion") == ["2.0"]
    assert response.texts("//oai:deletedRecord") == ["persistent"]
    assert response.texts("//oai:granularity") == ["YYYY-MM-DDThh:mm:ssZ"]
    assert response.texts("//oai:baseURL") == ["http://testserver/oai/"]


def test_post_is_answered_as_get(client, notice):
    from tests.oai.conftest import Response

    response = Response(
        client.post(
            "/oai/",
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": f"oai:testserver:reference/{notice.pk}",
            },
        )
    )
    assert response.identifiers == [f"oai:testserver:reference/{notice.pk}"]


def test_list_metadata_formats(oai, notice):
    assert oai(verb="ListMetadataFormats").texts("//oai:metadataPrefix") == ["oai_dc"]
    response = oai(verb="ListMetadataFormats", identifier=f"oai:testserver:reference/{notice.pk}")
    assert response.texts("//oai:metadataPrefix") == ["oai_dc"]


def test_get_record_maps_the_notice_field_by_field(oai, notice):
    response = oai(
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=f"oai:testserver:reference/{notice.pk}",
    )
    dc = "//oai_dc:dc/dc:"
    assert response.texts(dc + "title") == [
        "Les discriminations dans le logement : état des savoirs"
    ]
    assert response.texts(dc + "creator") == ["Noiriel, Gérard"]
    assert response.texts(dc + "subject") == ["Laïcité"]
    assert response.texts(dc + "description") == ["Un état des savoirs."]
    assert response.texts(dc + "publisher") == ["ORIV"]
    assert response.texts(dc + "date") == ["2016-06"]
    assert response.texts(dc + "type") == ["Text", "report"]
    identifiers = response.texts(dc + "identifier")
    assert "https://doi.org/10.1234/reci.2016" in identifiers
    assert "urn:isbn:9782707199991" in identifiers
    assert response.texts(dc + "language") == ["fr"]
    assert set(response.texts("//oai:header/oai:setSpec")) == {
        "type:reference",
        "theme:laicite",
        "organisation:ORIV",
    }


def test_get_record_of_a_page(oai, note):
    response = oai(
        verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:testserver:page/{note.pk}"
    )
    dc = "//oai_dc:dc/dc:"
    assert response.texts(dc + "title") == ["Contrat de ville et discriminations"]
    assert response.texts(dc + "creator") == [note.organisations.get().name]
    assert response.texts(dc + "subject") == ["Politique de la ville"]
    assert response.texts(dc + "description") == ["Une note du réseau."]
    assert response.texts(dc + "date") == ["2016-11-15"]
    assert response.texts(dc + "language") == ["fr"]
    assert note.get_full_url() in response.texts(dc + "identifier")
    assert "type:notepage" in response.texts("//oai:setSpec")


def test_list_records_and_identifiers(oai, notice, note):
    draft = ReferenceFactory(live=False)
    expected = {f"oai:testserver:reference/{notice.pk}", f"oai:testserver:page/{note.pk}"}
    for verb in ("ListRecords", "ListIdentifiers"):
        response = oai(verb=verb, metadataPrefix="oai_dc")
        assert set(response.identifiers) == expected
        assert f"oai:testserver:reference/{draft.pk}" not in response.identifiers
        assert response.token is None


def test_list_sets_and_selective_harvesting(oai, notice, note):
    specs = oai(verb="ListSets").texts("//oai:setSpec")
    for spec in ("type", "type:reference", "type:notepage", "theme:laicite", "organisation:IREV"):
        assert spec in specs
    by_set = {
        "type:reference": [f"oai:testserver:reference/{notice.pk}"],
        "type:notepage": [f"oai:testserver:page/{note.pk}"],
        "theme:laicite": [f"oai:testserver:reference/{notice.pk}"],
        "theme:politique-de-la-ville": [f"oai:testserver:page/{note.pk}"],
        "organisation:IREV": [f"oai:testserver:page/{note.pk}"],
        "organisation:ORIV": [f"oai:testserver:reference/{notice.pk}"],
    }
    for spec, identifiers in by_set.items():
        assert oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec).identifiers == (
            identifiers
        ), spec
    assert len(oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="theme").identifiers) == 2
    assert oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="theme:nope").error == (
        "noRecordsMatch"
    )


def test_from_and_until(oai, time_machine):
    time_machine.move_to("2026-03-01T10:00:00Z", tick=False)
    early = ReferenceFactory()
    time_machine.move_to("2026-03-02T10:00:00Z", tick=False)
    late = ReferenceFactory()
    time_machine.move_to("2026-03-03T10:00:00Z", tick=False)
    early_id, late_id = (f"oai:testserver:reference/{r.pk}" for r in (early, late))

    def listed(**arguments):
        return oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **arguments).identifiers

    assert listed(until="2026-03-01") == [early_id]
    assert listed(**{"from": "2026-03-02"}) == [late_id]
    assert listed(**{"from": "2026-03-01T10:00:00Z", "until": "2026-03-01T10:00:00Z"}) == [early_id]
    assert listed(**{"from": "2026-03-01T10:00:01Z", "until": "2026-03-02T09:59:59Z"}) == []
    datestamps = oai(verb="ListIdentifiers", metadataPrefix="oai_dc").texts("//oai:datestamp")
    assert datestamps == ["2026-03-01T10:00:00Z", "2026-03-02T10:00:00Z"]
