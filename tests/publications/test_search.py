import pytest
from wagtail.search.backends import get_search_backend

from publications.models import NotePage
from tests.factories import NotePageFactory, PdfDocumentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_word_only_inside_the_pdf_finds_the_note(publications_index):
    pdf = PdfDocumentFactory(text="La revue de littérature de Kirszbaum sur la mixité.")
    note = NotePageFactory(parent=publications_index, title="Conventions d'attribution", pdf=pdf)
    NotePageFactory(parent=publications_index, title="Autre note")
    assert "Kirszbaum" not in note.title + note.summary
    assert list(NotePage.objects.live().search("Kirszbaum")) == [note]
    assert list(get_search_backend().search("Kirszbaum", NotePage)) == [note]


def test_search_finds_authors_and_summary(publications_index):
    note = NotePageFactory(parent=publications_index, summary="Les attributions de logements.")
    note.authors.create(person=PersonFactory(last_name="Zolotarev"))
    note.save_revision().publish()
    assert list(NotePage.objects.live().search("Zolotarev")) == [note]
    assert list(NotePage.objects.live().search("attributions")) == [note]
