"""The moderation flow of « Validation réseau », driven through the admin's own views.

An ORIV editor submits a note; an editor of another structure reviews it; the delegation
approves and the note goes live (API and public page) or asks for changes with a comment.
"""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState

from core.models import Organisation
from core.roles import CROSS_REVIEW_TASK_NAME, DELEGATION_TASK_NAME

from .conftest import note_form, page_form

pytestmark = pytest.mark.django_db


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def submit(client, page, form_data: dict):
    """Save and submit for moderation, as the edit view's « Soumettre » button does."""
    return client.post(edit_url(page), {**form_data, "action-submit": "action-submit"})


def act(client, page, action: str, comment: str = ""):
    """Approve or reject the page's current task, as the workflow buttons do."""
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def current_task_name(page) -> str | None:
    page.refresh_from_db()
    task = page.current_workflow_task
    return task.name if task else None


def refused(response) -> bool:
    """Wagtail's refusal: back to the dashboard with « vous n'avez pas les autorisations »."""
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    return (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
        and any("autorisations pour accéder" in m for m in messages)
    )


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_a_note_goes_through_cross_review_and_delegation_then_goes_live(
    client, users, login, oriv_draft
):
    response = submit(login(users["editeur-oriv"]), oriv_draft, note_form(oriv_draft))
    assert response.status_code == 302
    assert current_task_name(oriv_draft) == CROSS_REVIEW_TASK_NAME
    assert not oriv_draft.live

    response = act(login(users["editeur-irev"]), oriv_draft, "approve")
    assert response.status_code == 302
    assert current_task_name(oriv_draft) == DELEGATION_TASK_NAME
    assert not oriv_draft.live

    response = act(login(users["delegation"]), oriv_draft, "approve")
    assert response.status_code == 302
    oriv_draft.refresh_from_db()
    assert oriv_draft.live
    assert current_task_name(oriv_draft) is None

    client.logout()
    listing = client.get("/api/v2/pages/", {"type": "publications.NotePage"}).json()
    assert [item["title"] for item in listing["items"]] == ["Projet de note de l'ORIV"]
    public = client.get(oriv_draft.url)
    assert public.status_code == 200
    assert "Projet de note de l&#x27;ORIV" in public.content.decode()


def test_approvers_are_told_of_a_submission(users, login, oriv_draft):
    mail.outbox.clear()
    submit(login(users["editeur-oriv"]), oriv_draft, note_form(oriv_draft))
    # The reviewers: editors of the other structures, never the author's own structure.
    assert {"editeur-irev@reseau-reci.test", "editeur-cofrimi@reseau-reci.test"} <= recipients()
    assert "editeur-oriv@reseau-reci.test" not in recipients()

    mail.outbox.clear()
    act(login(users["editeur-irev"]), oriv_draft, "approve")
    assert "delegation@reseau-reci.test" in recipients()
    assert any("Projet de note de l'ORIV" in message.subject for message in mail.outbox)


def test_the_delegation_asks_for_changes_with_a_comment(client, users, login, oriv_draft):
    submit(login(users["editeur-oriv"]), oriv_draft, note_form(oriv_draft))
    act(login(users["editeur-irev"]), oriv_draft, "approve")
    mail.outbox.clear()

    comment = "Merci de préciser les sources du deuxième paragraphe."
    response = act(login(users["delegation"]), oriv_draft, "reject", comment=comment)
    assert response.status_code == 302

    oriv_draft.refresh_from_db()
    assert not oriv_draft.live
    assert oriv_draft.current_workflow_task is None
    to_author = [m for m in mail.outbox if "editeur-oriv@reseau-reci.test" in m.to]
    assert to_author, [m.to for m in mail.outbox]
    assert any(comment in message.body for message in to_author)

    client.logout()
    assert client.get(oriv_draft.url).status_code == 404
    listing = client.get("/api/v2/pages/", {"type": "publications.NotePage"}).json()
    assert listing["items"] == []


def test_the_author_hears_of_the_approval(users, login, oriv_draft):
    submit(login(users["editeur-oriv"]), oriv_draft, note_form(oriv_draft))
    act(login(users["editeur-irev"]), oriv_draft, "approve")
    mail.outbox.clear()
    act(login(users["delegation"]), oriv_draft, "approve")
    assert "editeur-oriv@reseau-reci.test" in recipients()


def test_news_skip_the_cross_structure_review(users, login, oriv_news_draft):
    submit(login(users["editeur-oriv"]), oriv_news_draft, page_form(oriv_news_draft))
    assert current_task_name(oriv_news_draft) == DELEGATION_TASK_NAME
    skipped = TaskState.objects.get(
        workflow_state__object_id=str(oriv_news_draft.pk), task__name=CROSS_REVIEW_TASK_NAME
    )
    assert skipped.status == TaskState.STATUS_SKIPPED

    act(login(users["delegation"]), oriv_news_draft, "approve")
    oriv_news_draft.refresh_from_db()
    assert oriv_news_draft.live


@pytest.mark.parametrize("username", ["editeur-oriv", "delegation"])
def test_the_author_s_structure_cannot_do_the_cross_review(username, users, login, oriv_draft):
    submit(login(users["editeur-oriv"]), oriv_draft, note_form(oriv_draft))
    client = login(users[username])
    assert refused(act(client, oriv_draft, "approve"))
    assert current_task_name(oriv_draft) == CROSS_REVIEW_TASK_NAME
    # The edit view offers no approval to them either.
    page = client.get(edit_url(oriv_draft)).content.decode()
    assert f"/workflow/action/{oriv_draft.pk}/approve/" not in page


def test_a_second_editor_of_the_same_structure_cannot_review(users, login, oriv_draft):
    from django.contrib.auth import get_user_model

    from core.models import Organisation

    colleague = get_user_model().objects.create_user(
        "editeur-oriv-2", "editeur-oriv-2@reseau-reci.test", "x"
    )
    colleague.groups.add(Organisation.objects.get(acronym="ORIV").editor_group)
    submit(login(users["editeur-oriv"]), oriv_draft, note_form(oriv_draft))
    assert refused(act(login(colleague), oriv_draft, "approve"))
    assert current_task_name(oriv_draft) == CROSS_REVIEW_TASK_NAME


def approve_from_the_edit_view(client, page, form_data: dict):
    """« Approuver » in the edit view's action menu: the form is saved, then the task acted on."""
    return client.post(
        edit_url(page),
        {**form_data, "action-workflow-action": "true", "workflow-action-name": "approve"},
    )


def test_the_cross_reviewer_approves_from_the_edit_view(users, login, oriv_draft):
    """Found in the browser: IREV's editor clicking « Approuver » in ORIV's note got « Votre
    structure doit figurer parmi les structures qui signent ce contenu »."""
    submit(login(users["editeur-oriv"]), oriv_draft, note_form(oriv_draft))
    response = approve_from_the_edit_view(
        login(users["editeur-irev"]), oriv_draft, note_form(oriv_draft, summary="Relu par l'IREV.")
    )
    assert response.status_code == 302
    assert current_task_name(oriv_draft) == DELEGATION_TASK_NAME
    latest = oriv_draft.get_latest_revision_as_object()
    assert latest.summary == "Relu par l'IREV."
    assert [o.acronym for o in latest.organisations.all()] == ["ORIV"]


def test_a_reviewer_of_another_structure_cannot_change_who_signs(users, login, oriv_draft):
    submit(login(users["editeur-oriv"]), oriv_draft, note_form(oriv_draft))
    irev = Organisation.objects.get(acronym="IREV")
    response = approve_from_the_edit_view(
        login(users["editeur-irev"]), oriv_draft, note_form(oriv_draft, organisations=[irev.pk])
    )
    assert response.status_code == 200
    assert "Seules les structures qui signent ce contenu" in response.content.decode()
    assert current_task_name(oriv_draft) == CROSS_REVIEW_TASK_NAME
    latest = oriv_draft.get_latest_revision_as_object()
    assert [o.acronym for o in latest.organisations.all()] == ["ORIV"]
