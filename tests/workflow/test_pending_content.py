"""Content waiting for moderation never reaches the API, the search or the public pages.

Two cases: a new note submitted for the first time (nothing may show), and a live note whose
edited version waits for validation (only the live version may show).
"""

import pytest
from django.urls import reverse

from search.indexing import sync_source
from search.registry import get_source_for_model

from .conftest import note_form

pytestmark = pytest.mark.django_db

PENDING_TITLE = "Ségrégation résidentielle et bailleurs sociaux"


def submit(client, page, form_data: dict) -> None:
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        {**form_data, "action-submit": "action-submit"},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress


def api_titles(client) -> list[str]:
    response = client.get("/api/v2/pages/", {"type": "publications.NotePage"})
    return [item["title"] for item in response.json()["items"]]


def search_titles(client, query: str) -> list[str]:
    response = client.get("/api/v2/search/", {"q": query})
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]


def rebuild_search_records(page) -> None:
    """The repair path (`sync_source`) must not pick up drafts either."""
    sync_source(get_source_for_model(page.specific_class))


@pytest.fixture
def pending_new_note(users, login, oriv_draft):
    body = note_form(oriv_draft, title=PENDING_TITLE, summary="Bailleurs sociaux et ségrégation.")
    submit(login(users["editeur-oriv"]), oriv_draft, body)
    return oriv_draft


@pytest.fixture
def pending_edit(users, login, oriv_note):
    body = note_form(oriv_note, title=PENDING_TITLE, summary="Bailleurs sociaux et ségrégation.")
    submit(login(users["editeur-oriv"]), oriv_note, body)
    return oriv_note


def test_a_new_note_in_moderation_is_nowhere_public(client, pending_new_note):
    rebuild_search_records(pending_new_note)
    client.logout()
    assert api_titles(client) == []
    assert client.get(f"/api/v2/pages/{pending_new_note.pk}/").status_code == 404
    assert search_titles(client, "ségrégation") == []
    assert search_titles(client, "bailleurs") == []
    assert client.get(pending_new_note.url or "/publications/projet-oriv/").status_code == 404
    assert PENDING_TITLE not in client.get("/publications/").content.decode()
    assert PENDING_TITLE not in client.get("/recherche/", {"q": "ségrégation"}).content.decode()


def test_an_edited_live_note_shows_only_its_live_version(client, pending_edit):
    assert pending_edit.get_latest_revision_as_object().title == PENDING_TITLE
    rebuild_search_records(pending_edit)
    client.logout()

    assert api_titles(client) == ["Note de l'ORIV"]
    detail = client.get(f"/api/v2/pages/{pending_edit.pk}/").json()
    assert detail["title"] == "Note de l'ORIV"
    assert detail["summary"] == "Une note du réseau."

    assert search_titles(client, "ségrégation") == []
    assert search_titles(client, "note ORIV") == ["Note de l'ORIV"]

    public = client.get(pending_edit.url).content.decode()
    assert "Note de l&#x27;ORIV" in public
    assert "Ségrégation" not in public
    listing = client.get("/publications/").content.decode()
    assert "Note de l&#x27;ORIV" in listing and "Ségrégation" not in listing
