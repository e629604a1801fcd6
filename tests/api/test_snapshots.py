"""The API contract, pinned: a note's detail, a references listing and a search response.

See tests/api/snapshots.py for what is normalised and how to update a snapshot on purpose.
"""

import datetime

import pytest

from publications.models import NoteAuthor, NoteRelatedPage
from tests.factories import (
    ContributorFactory,
    NotePageFactory,
    OrganisationFactory,
    PdfDocumentFactory,
    PersonFactory,
    PointDeVuePageFactory,
    PublicationIndexPageFactory,
    ReferenceFactory,
    ThemeFactory,
)

from .snapshots import assert_matches_snapshot, normalise

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db):
    laicite = ThemeFactory(slug="logement", name="Mixité sociale et logement")
    oriv = OrganisationFactory(acronym="ORIV", name="Observatoire régional de l'intégration")
    person = PersonFactory(first_name="Murielle", last_name="Maffessoli", organisation=oriv)
    return laicite, oriv, person


@pytest.fixture
def note(home_page, network):
    theme, oriv, person = network
    publications = PublicationIndexPageFactory(
        parent=home_page, title="Publications", slug="publications"
    )
    related = PointDeVuePageFactory(
        parent=publications,
        title="Point de vue sur… les politiques territoriales d'intégration",
        slug="politiques-territoriales",
        date=datetime.date(2015, 6, 1),
    )
    note = NotePageFactory(
        parent=publications,
        title="Contrat de ville et prévention des discriminations",
        slug="contrat-de-ville",
        date=datetime.date(2016, 11, 1),
        summary="Analyse de l'axe « lutte contre les discriminations » des contrats de ville.",
        themes=[theme],
        organisations=[oriv],
        pdf=PdfDocumentFactory(title="Contrat de ville (PDF)", pages=13),
    )
    note.tags.add("contrat de ville", "discriminations")
    NoteAuthor.objects.create(page=note, person=person, sort_order=0)
    NoteAuthor.objects.create(page=note, organisation=oriv, sort_order=1)
    NoteRelatedPage.objects.create(source=note, page=related, sort_order=0)
    note.save_revision().publish()
    return note


def test_note_detail(client, note):
    response = client.get(f"/api/v2/pages/{note.pk}/")
    assert response.status_code == 200
    assert_matches_snapshot("note_detail", response.json())


def test_references_listing(client, network):
    _theme, oriv, _person = network
    report = ReferenceFactory(
        title="Les discriminations liées à l'origine dans le logement",
        subtitle="état des savoirs",
        reference_type="report",
        publisher="ORIV",
        publisher_place="Strasbourg",
        year=2014,
        organisation=oriv,
        abstract="Un état des savoirs sur les discriminations dans l'accès au logement.",
    )
    ContributorFactory(reference=report, family="Maffessoli", given="Murielle")
    book = ReferenceFactory(title="Le creuset français", publisher="Seuil", year=1988)
    ContributorFactory(reference=book, family="Noiriel", given="Gérard")
    response = client.get("/api/v2/references/?fields=*")
    assert response.status_code == 200
    assert_matches_snapshot("references_listing", response.json())


def test_search_response(client, note):
    response = client.get("/api/v2/search/?q=discriminations")
    assert response.status_code == 200
    data = response.json()
    assert data["total"] >= 1
    assert_matches_snapshot("search_discriminations", data)


def test_normalisation_keeps_content_and_hides_volatile_values():
    data = {
        "id": 42,
        "title": "Note 42",
        "meta": {
            "detail_url": "http://testserver/api/v2/pages/42/",
            "first_published_at": "2026-12-02T21:00:00Z",
        },
        "pdf": {"url": "http://testserver/documents/7/note_AbC1234.pdf", "page_count": 13},
        "date": "2016-11-01",
    }
    assert normalise(data) == {
        "id": "<id>",
        "title": "Note 42",
        "meta": {
            "detail_url": "http://testserver/api/v2/pages/<id>/",
            "first_published_at": "<first_published_at>",
        },
        "pdf": {"url": "http://testserver/documents/<id>/note.pdf", "page_count": 13},
        "date": "2016-11-01",
    }


def test_a_changed_response_fails_with_a_readable_diff(tmp_path, monkeypatch):
    from tests.api import snapshots

    monkeypatch.setattr(snapshots, "SNAPSHOT_DIR", tmp_path)
    monkeypatch.delenv("UPDATE_SNAPSHOTS", raising=False)
    (tmp_path / "example.json").write_text(snapshots.dump({"title": "Avant"}), encoding="utf-8")
    with pytest.raises(pytest.fail.Exception) as failure:
        snapshots.assert_matches_snapshot("example", {"title": "Après"})
    message = str(failure.value)
    assert '-  "title": "Avant"' in message
    assert '+  "title": "Après"' in message
    assert "UPDATE_SNAPSHOTS=1" in message
