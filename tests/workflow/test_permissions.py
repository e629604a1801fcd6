"""Who may do what, asserted through the admin's own views (role × action × whose content)."""

import pytest
from django.urls import reverse

from publications.models import NotePage, PublicationIndexPage

from .conftest import note_form

pytestmark = pytest.mark.django_db


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def refused(response) -> bool:
    """A refusal: 403, or a redirect away from the page (with Wagtail's permission message)."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/edit/" not in response["Location"]
    )


@pytest.mark.parametrize(
    ("username", "allowed"),
    [("editeur-oriv", True), ("editeur-irev", False), ("delegation", True)],
)
def test_editing_a_structure_s_note(username, allowed, users, login, oriv_note):
    client = login(users[username])
    revisions = oriv_note.revisions.count()
    response = client.post(edit_url(oriv_note), note_form(oriv_note, title="Titre modifié"))
    oriv_note.refresh_from_db()
    if allowed:
        assert response.status_code == 302 and "/edit/" in response["Location"]
        assert oriv_note.revisions.count() == revisions + 1
        assert oriv_note.get_latest_revision_as_object().title == "Titre modifié"
    else:
        assert refused(response)
        assert oriv_note.revisions.count() == revisions
    # Nobody changed the published version by saving a draft.
    assert oriv_note.title == "Note de l'ORIV"


def test_an_editor_cannot_even_open_another_structure_s_note(users, login, oriv_note):
    from django.contrib.messages import get_messages

    response = login(users["editeur-irev"]).get(edit_url(oriv_note))
    assert refused(response)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("autorisations pour accéder" in m for m in messages), messages


@pytest.mark.parametrize(
    ("username", "published"),
    [("editeur-oriv", False), ("editeur-irev", False), ("delegation", True)],
)
def test_only_the_delegation_publishes(username, published, users, login, oriv_note):
    client = login(users[username])
    client.post(
        edit_url(oriv_note),
        note_form(oriv_note, title="Version publiée", **{"action-publish": "action-publish"}),
    )
    oriv_note.refresh_from_db()
    assert (oriv_note.title == "Version publiée") is published


@pytest.mark.parametrize(
    ("username", "allowed"),
    [("editeur-oriv", False), ("editeur-irev", False), ("delegation", True)],
)
def test_unpublishing_and_deleting_live_content(username, allowed, users, login, oriv_note):
    client = login(users[username])
    client.post(reverse("wagtailadmin_pages:unpublish", args=(oriv_note.pk,)))
    oriv_note.refresh_from_db()
    assert oriv_note.live is not allowed
    client.post(reverse("wagtailadmin_pages:delete", args=(oriv_note.pk,)))
    assert NotePage.objects.filter(pk=oriv_note.pk).exists() is not allowed


def test_an_editor_deletes_their_own_unpublished_draft_only(users, login, oriv_note):
    oriv_note.unpublish()
    client = login(users["editeur-irev"])
    client.post(reverse("wagtailadmin_pages:delete", args=(oriv_note.pk,)))
    assert NotePage.objects.filter(pk=oriv_note.pk).exists()


def test_a_new_note_is_signed_by_the_editor_s_structure(users, login, editorial_site):
    publications = PublicationIndexPage.objects.child_of(editorial_site).get()
    client = login(users["editeur-irev"])
    url = reverse("wagtailadmin_pages:add", args=("publications", "notepage", publications.pk))
    data = note_form(
        NotePage(title="Nouvelle note", slug="nouvelle-note", date="2020-01-15", summary=""),
        organisations=[],
    )
    response = client.post(url, data)
    assert response.status_code == 302
    note = NotePage.objects.get(slug="nouvelle-note")
    assert [o.acronym for o in note.organisations.all()] == ["IREV"]
    assert not note.live


def test_an_editor_cannot_sign_only_for_another_structure(users, login, oriv_note):
    from core.models import Organisation

    client = login(users["editeur-oriv"])
    irev = Organisation.objects.get(acronym="IREV")
    response = client.post(edit_url(oriv_note), note_form(oriv_note, organisations=[irev.pk]))
    assert response.status_code == 200
    assert "Votre structure doit figurer" in response.content.decode()
    assert [o.acronym for o in oriv_note.organisations.all()] == ["ORIV"]
