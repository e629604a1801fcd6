"""Notes and « Point de vue » papers cite notices, and carry metadata Zotero reads."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from publications.models import NotePage
from tests.factories import (
    BibliographyIndexPageFactory,
    ContributorFactory,
    NotePageFactory,
    OrganisationFactory,
    PdfDocumentFactory,
    PersonFactory,
    PointDeVuePageFactory,
    PublicationIndexPageFactory,
    ReferenceFactory,
)

pytestmark = pytest.mark.django_db

NOIRIEL = "NOIRIEL, Gérard, 1988. <i>Le creuset français</i>. Paris : Seuil."


@pytest.fixture
def notices(home_page):
    index = BibliographyIndexPageFactory(parent=home_page)
    book = ReferenceFactory(
        title="Le creuset français", year=1988, publisher="Seuil", publisher_place="Paris"
    )
    ContributorFactory(reference=book, family="Noiriel", given="Gérard")
    draft = ReferenceFactory(title="Notice en cours de saisie", live=False)
    return index, book, draft


@pytest.fixture
def note(home_page, notices):
    _, book, draft = notices
    section = PublicationIndexPageFactory(parent=home_page)
    note = NotePageFactory(
        parent=section,
        title="Contrat de ville et prévention des discriminations",
        date=datetime.date(2016, 11, 15),
        pdf=PdfDocumentFactory(pages=3),
        body=[
            (
                "references",
                {"heading": "Pour aller plus loin", "references": [book, draft], "comment": ""},
            )
        ],
    )
    note.authors.create(person=PersonFactory(first_name="Olivier", last_name="Noël"))
    note.authors.create(organisation=OrganisationFactory(acronym="IREV", name="IREV"))
    note.save_revision().publish()
    return note


def test_note_page_cites_live_notices_with_links_to_their_pages(client, notices, note):
    index, book, _ = notices
    html = client.get(note.url).content.decode()
    assert "<h2>Pour aller plus loin</h2>" in html
    assert NOIRIEL in html
    notice_url = f"{index.url}notices/{book.pk}/"
    assert f'<a href="{notice_url}"' in html
    assert "Notice en cours de saisie" not in html
    notice = client.get(notice_url)
    assert notice.status_code == 200
    assert "Le creuset français" in notice.content.decode()


def test_note_page_carries_highwire_tags_and_coins(client, note):
    html = client.get(note.url).content.decode()
    for name, content in [
        ("citation_title", "Contrat de ville et prévention des discriminations"),
        ("citation_author", "Noël, Olivier"),
        ("citation_author", "IREV"),
        ("citation_publication_date", "2016/11/15"),
        ("citation_publisher", "Réseau RECI"),
        ("citation_language", "fr"),
        ("citation_pdf_url", f"http://testserver{note.pdf.url}"),
    ]:
        assert f'<meta name="{name}" content="{content}">' in html
    assert html.index('name="citation_author" content="Noël') < html.index('content="IREV"')
    assert (
        '<span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft_val_fmt=info%3Aofi%2Ffmt%3Akev'
        "%3Amtx%3Abook&amp;rft.genre=report&amp;rft.btitle=Contrat+de+ville" in html
    )
    assert "rft.aulast=No%C3%ABl&amp;rft.aufirst=Olivier&amp;rft.aucorp=IREV" in html


def test_point_de_vue_without_pdf_or_authors_cites_its_structures(client, home_page):
    section = PublicationIndexPageFactory(parent=home_page)
    paper = PointDeVuePageFactory(parent=section, title="Point de vue sur… la laïcité")
    paper.organisations.add(OrganisationFactory(acronym="ORIV", name="ORIV Grand Est"))
    paper.save_revision().publish()
    html = client.get(paper.url).content.decode()
    assert '<meta name="citation_author" content="ORIV Grand Est">' in html
    assert '<meta name="citation_publication_date" content="2016/12/09">' in html
    assert "citation_pdf_url" not in html
    assert 'class="Z3988"' in html


def test_api_gives_the_cited_notices_resolved(client, notices, note):
    index, book, _ = notices
    data = client.get(f"/api/v2/pages/{note.pk}/").json()
    (block,) = data["body"]
    assert block["type"] == "references"
    assert block["value"]["heading"] == "Pour aller plus loin"
    (entry,) = block["value"]["references"]
    assert entry["id"] == book.pk
    assert entry["title"] == "Le creuset français"
    assert entry["citation"] == "NOIRIEL, Gérard, 1988. Le creuset français. Paris : Seuil."
    assert entry["csl"]["author"] == [{"family": "Noiriel", "given": "Gérard"}]
    assert entry["url"] == f"{index.url}notices/{book.pk}/"


def test_editor_adds_references_to_a_note_in_the_page_editor(client, django_user_model, notices):
    _, book, _ = notices
    section = PublicationIndexPageFactory(parent=notices[0].get_parent())
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    url = reverse("wagtailadmin_pages:add", args=("publications", "notepage", section.pk))
    chosen = {"count": "1", "0": {"value": str(book.pk), "deleted": "", "order": "0"}}
    data = nested_form_data(
        {
            "title": "Note sur l'immigration",
            "slug": "note-immigration",
            "date": "2016-11-15",
            "summary": "",
            "tags": "",
            "body": streamfield(
                [("references", {"heading": "Bibliographie", "references": chosen, "comment": ""})]
            ),
            "authors": inline_formset([]),
            "related_pages": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    note = NotePage.objects.get(slug="note-immigration")
    assert note.live
    html = client.get(note.url).content.decode()
    assert NOIRIEL in html
