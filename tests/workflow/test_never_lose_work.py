"""Never lose work: concurrent saves, locking, revisions, rollback and the audit log."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry

from core.models import Organisation

from .conftest import note_form

pytestmark = pytest.mark.django_db


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def open_edit_form(client, page) -> dict:
    """GET the edit view and keep the hidden fields that say which version was loaded."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").select_one("form[data-edit-form]")
    return {
        name: form.select_one(f"input[name='{name}']")["value"]
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


def message_texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def oriv_colleague(editorial_site):
    user = get_user_model().objects.create_user(
        "editeur-oriv-2", "editeur-oriv-2@reseau-reci.test", "x", first_name="Camille"
    )
    user.groups.add(Organisation.objects.get(acronym="ORIV").editor_group)
    return user


def test_a_stale_save_is_kept_with_a_clear_warning_and_both_versions_survive(
    users, oriv_colleague, oriv_note
):
    first, second = client_for(users["editeur-oriv"]), client_for(oriv_colleague)
    first_loaded = open_edit_form(first, oriv_note)
    second_loaded = open_edit_form(second, oriv_note)
    assert first_loaded == second_loaded
    revisions = oriv_note.revisions.count()

    response = first.post(edit_url(oriv_note), {**note_form(oriv_note, title="Version A")})
    assert response.status_code == 302
    assert not any("Attention" in m for m in message_texts(response))

    response = second.post(
        edit_url(oriv_note), {**note_form(oriv_note, title="Version B"), **second_loaded}
    )
    assert response.status_code == 302
    warnings = [m for m in message_texts(response) if "Attention" in m]
    assert len(warnings) == 1, message_texts(response)
    assert "une autre version de cette page pendant que vous la modifiiez" in warnings[0]
    assert "Éditrice ORIV" in warnings[0]
    assert "Comparer les deux versions" in warnings[0]

    titles = [r.content["title"] for r in oriv_note.revisions.order_by("created_at")]
    assert len(titles) == revisions + 2
    assert titles[-2:] == ["Version A", "Version B"]
    # The warning's link compares the two versions, and the comparison answers.
    compare = warnings[0].split('href="')[1].split('"')[0]
    assert second.get(compare).status_code == 200


def test_a_save_from_an_up_to_date_form_gives_no_warning(users, oriv_note):
    client = client_for(users["editeur-oriv"])
    loaded = open_edit_form(client, oriv_note)
    response = client.post(edit_url(oriv_note), {**note_form(oriv_note), **loaded})
    assert response.status_code == 302
    assert not any("Attention" in m for m in message_texts(response))


def test_autosave_from_a_stale_form_is_refused(users, oriv_colleague, oriv_note):
    first, second = client_for(users["editeur-oriv"]), client_for(oriv_colleague)
    second_loaded = open_edit_form(second, oriv_note)
    first.post(edit_url(oriv_note), note_form(oriv_note, title="Version A"))
    revisions = oriv_note.revisions.count()
    response = second.post(
        edit_url(oriv_note),
        {**note_form(oriv_note, title="Version B"), **second_loaded},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"
    assert "Une version plus récente a été enregistrée" in response.json()["error_message"]
    assert oriv_note.revisions.count() == revisions


@pytest.mark.parametrize("other", ["oriv_colleague", "delegation"])
def test_a_locked_page_cannot_be_saved_by_another_editor(other, request, users, oriv_note):
    owner = client_for(users["editeur-oriv"])
    response = owner.post(reverse("wagtailadmin_pages:lock", args=(oriv_note.pk,)))
    assert response.status_code == 302
    oriv_note.refresh_from_db()
    assert oriv_note.locked and oriv_note.locked_by == users["editeur-oriv"]

    someone = request.getfixturevalue(other) if other != "delegation" else users[other]
    revisions = oriv_note.revisions.count()
    response = client_for(someone).post(
        edit_url(oriv_note), note_form(oriv_note, title="Par-dessus le verrou")
    )
    assert response.status_code == 200
    assert "verrouillé" in response.content.decode()
    assert oriv_note.revisions.count() == revisions

    # The owner still saves, then unlocks.
    response = owner.post(edit_url(oriv_note), note_form(oriv_note, title="Mon travail"))
    assert response.status_code == 302
    assert oriv_note.revisions.count() == revisions + 1
    owner.post(reverse("wagtailadmin_pages:unlock", args=(oriv_note.pk,)))
    oriv_note.refresh_from_db()
    assert not oriv_note.locked


def test_another_structure_cannot_lock(users, oriv_note):
    client_for(users["editeur-irev"]).post(reverse("wagtailadmin_pages:lock", args=(oriv_note.pk,)))
    oriv_note.refresh_from_db()
    assert not oriv_note.locked


def test_the_author_compares_views_and_rolls_back_revisions(users, oriv_note):
    client = client_for(users["editeur-oriv"])
    original = oriv_note.get_latest_revision()
    client.post(edit_url(oriv_note), note_form(oriv_note, title="Titre remanié"))
    oriv_note.refresh_from_db()
    edited = oriv_note.get_latest_revision()
    assert edited.pk != original.pk

    history = client.get(reverse("wagtailadmin_pages:history", args=(oriv_note.pk,)))
    assert history.status_code == 200
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=(oriv_note.pk, original.pk, edited.pk))
    )
    assert compare.status_code == 200
    assert "Titre remanié" in compare.content.decode()
    view = client.get(
        reverse("wagtailadmin_pages:revisions_view", args=(oriv_note.pk, original.pk))
    )
    assert view.status_code == 200
    assert "Note de l&#x27;ORIV" in view.content.decode()

    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=(oriv_note.pk, original.pk))
    form = client.get(revert_url)
    assert form.status_code == 200
    assert 'value="Note de l&#x27;ORIV"' in form.content.decode()
    response = client.post(revert_url, note_form(oriv_note, title="Note de l'ORIV"))
    assert response.status_code == 302
    oriv_note.refresh_from_db()
    assert oriv_note.get_latest_revision().content["title"] == "Note de l'ORIV"
    assert oriv_note.revisions.count() == 3  # the edited version stays in the history
    assert PageLogEntry.objects.filter(page=oriv_note, action="wagtail.revert").exists()


def test_another_structure_cannot_roll_back(users, oriv_note):
    original = oriv_note.get_latest_revision()
    client = client_for(users["editeur-irev"])
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=(oriv_note.pk, original.pk))
    revisions = oriv_note.revisions.count()
    client.post(revert_url, note_form(oriv_note, title="Retour arrière"))
    assert oriv_note.revisions.count() == revisions


def actions(page) -> list[str]:
    return list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_every_transition_is_in_the_audit_log(users, oriv_draft):
    author = client_for(users["editeur-oriv"])
    author.post(reverse("wagtailadmin_pages:lock", args=(oriv_draft.pk,)))
    author.post(reverse("wagtailadmin_pages:unlock", args=(oriv_draft.pk,)))
    author.post(edit_url(oriv_draft), {**note_form(oriv_draft), "action-submit": "action-submit"})

    def act(user, action: str, comment: str = "") -> None:
        oriv_draft.refresh_from_db()
        state = oriv_draft.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=(oriv_draft.pk, action, state.pk))
        response = client_for(user).post(url, {"comment": comment})
        assert response.status_code == 302
        assert response["Location"] == edit_url(oriv_draft), message_texts(response)  # done

    act(users["editeur-irev"], "approve")
    act(users["delegation"], "reject", "À reprendre.")
    # Resubmitted after changes, the note resumes at the step that asked for them.
    author.post(edit_url(oriv_draft), {**note_form(oriv_draft), "action-submit": "action-submit"})
    act(users["delegation"], "approve")

    log = actions(oriv_draft)
    for expected in (
        "wagtail.lock",
        "wagtail.unlock",
        "wagtail.edit",
        "wagtail.workflow.start",
        "wagtail.workflow.approve",
        "wagtail.workflow.reject",
        "wagtail.workflow.resume",
        "wagtail.publish",
    ):
        assert expected in log, (expected, log)
    assert log.count("wagtail.workflow.approve") == 2, " ".join(log)
    assert log[-1] == "wagtail.publish"
    reject = PageLogEntry.objects.get(page=oriv_draft, action="wagtail.workflow.reject")
    assert reject.user == users["delegation"]
    assert reject.data["comment"] == "À reprendre."
    publish = PageLogEntry.objects.get(page=oriv_draft, action="wagtail.publish")
    assert publish.user == users["delegation"]


def test_the_editor_s_own_autosaved_revision_gives_no_warning(users, oriv_note):
    """Autosave wrote a revision of the editor's own while the form was open: the full save
    that follows is not « on top of someone else's version » (a false warning named the
    editor themself)."""
    client = client_for(users["editeur-oriv"])
    loaded = open_edit_form(client, oriv_note)
    autosave = client.post(
        edit_url(oriv_note),
        {**note_form(oriv_note, title="Brouillon autosauvegardé"), **loaded},
        headers={"Accept": "application/json"},
    )
    assert autosave.status_code == 200, autosave.content
    revisions = oriv_note.revisions.count()
    response = client.post(
        edit_url(oriv_note), {**note_form(oriv_note, title="Version finale"), **loaded}
    )
    assert response.status_code == 302
    assert not any("Attention" in m for m in message_texts(response)), message_texts(response)
    assert oriv_note.revisions.count() == revisions + 1
