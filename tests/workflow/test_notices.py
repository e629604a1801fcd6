"""Notices under workflow: each structure changes its own, reads the others'; the delegation
changes all. Asserted through the snippet admin's own views (role × action × whose notice)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from bibliography.models import Reference
from core.models import Organisation
from core.roles import REFERENCE_WORKFLOW_NAME
from tests.factories.bibliography import ReferenceFactory

pytestmark = pytest.mark.django_db

EDITORS_OF = {"ORIV": "editeur-oriv", "IREV": "editeur-irev"}


def url(name: str, *args) -> str:
    return reverse(f"wagtailsnippets_bibliography_reference:{name}", args=args)


def reference_form(reference: Reference, **changes) -> dict:
    """The notice's edit form as the admin posts it."""
    data = {
        "reference_type": reference.reference_type,
        "title": reference.title,
        "publisher": reference.publisher,
        "publisher_place": reference.publisher_place,
        "year": reference.year or "",
        "language": "fr",
        "keywords": "",
        "contributors": inline_formset([]),
        "organisation": reference.organisation_id or "",
    }
    data.update(changes)
    return nested_form_data(data)


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def notices(editorial_site):
    """One published notice held by ORIV, one by IREV."""
    created = {}
    for acronym in ("ORIV", "IREV"):
        reference = ReferenceFactory(
            title=f"Notice de l'{acronym}",
            organisation=Organisation.objects.get(acronym=acronym),
        )
        reference.save_revision().publish()
        created[acronym] = reference
    return created


MATRIX = [
    ("editeur-oriv", "ORIV", True),
    ("editeur-oriv", "IREV", False),
    ("editeur-irev", "ORIV", False),
    ("editeur-irev", "IREV", True),
    ("delegation", "ORIV", True),
    ("delegation", "IREV", True),
]


@pytest.mark.parametrize(("username", "holder", "may_change"), MATRIX)
def test_opening_the_edit_form(username, holder, may_change, users, login, notices):
    reference = notices[holder]
    response = login(users[username]).get(url("edit", reference.pk))
    if may_change:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"] == url("inspect", reference.pk)
        assert any(f"appartient à {holder}" in m for m in messages_of(response))


@pytest.mark.parametrize(("username", "holder", "may_change"), MATRIX)
def test_saving_a_notice(username, holder, may_change, users, login, notices):
    reference = notices[holder]
    revisions = reference.revisions.count()
    response = login(users[username]).post(
        url("edit", reference.pk), reference_form(reference, title="Titre corrigé")
    )
    assert response.status_code == 302
    reference.refresh_from_db()
    if may_change:
        assert reference.revisions.count() == revisions + 1
        assert reference.get_latest_revision_as_object().title == "Titre corrigé"
    else:
        assert response["Location"] == url("inspect", reference.pk)
        assert reference.revisions.count() == revisions
    assert reference.title == f"Notice de l'{holder}"  # a saved draft changes nothing public


@pytest.mark.parametrize(("username", "holder", "may_change"), MATRIX)
def test_reading_a_notice(username, holder, may_change, users, login, notices):
    client = login(users[username])
    response = client.get(url("inspect", notices[holder].pk))
    assert response.status_code == 200
    assert f"Notice de l&#x27;{holder}" in response.content.decode()
    listing = client.get(url("list")).content.decode()
    assert (url("edit", notices[holder].pk) in listing) is may_change


@pytest.mark.parametrize(("username", "holder", "may_change"), MATRIX)
def test_rolling_back_a_notice(username, holder, may_change, users, login, notices):
    reference = notices[holder]
    revision = reference.get_latest_revision()
    revisions = reference.revisions.count()
    login(users[username]).post(
        url("revisions_revert", reference.pk, revision.pk), reference_form(reference)
    )
    assert reference.revisions.count() == revisions + (1 if may_change else 0)


def test_autosave_over_another_structure_s_notice_is_refused(users, login, notices):
    reference = notices["ORIV"]
    revisions = reference.revisions.count()
    response = login(users["editeur-irev"]).post(
        url("edit", reference.pk),
        reference_form(reference, title="Autosave"),
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 403
    assert response.json()["error_code"] == "permission_denied"
    assert reference.revisions.count() == revisions


def test_an_editor_files_notices_under_their_own_structure(users, login, notices):
    client = login(users["editeur-irev"])
    form = client.get(url("add")).content.decode()
    irev, oriv = (Organisation.objects.get(acronym=a) for a in ("IREV", "ORIV"))
    assert f'name="organisation" value="{irev.pk}"' in form  # their structure by default

    draft = Reference(reference_type="book", title="Nouvelle notice", year=2020)
    response = client.post(url("add"), reference_form(draft, organisation=oriv.pk))
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Reference.objects.filter(title="Nouvelle notice").exists()

    # Moving their own notice to another structure is refused the same way.
    reference = notices["IREV"]
    response = client.post(
        url("edit", reference.pk), reference_form(reference, organisation=oriv.pk)
    )
    assert response.status_code == 200
    reference.refresh_from_db()
    assert reference.organisation == irev


def test_submitting_a_notice_goes_through_the_notices_workflow(users, login, notices, client):
    reference = notices["ORIV"]
    author = login(users["editeur-oriv"])
    response = author.post(
        url("edit", reference.pk),
        {**reference_form(reference, title="Notice révisée"), "action-submit": "action-submit"},
    )
    assert response.status_code == 302
    state = WorkflowState.objects.for_instance(reference).get(status="in_progress")
    assert state.workflow.name == REFERENCE_WORKFLOW_NAME
    reference.refresh_from_db()
    assert reference.title == "Notice de l'ORIV"

    # Another structure cannot approve; the delegation can, and the change goes live.
    task_state = state.current_task_state
    action_url = url("workflow_action", reference.pk, "approve", task_state.pk)
    login(users["editeur-irev"]).post(action_url, {"comment": ""})
    reference.refresh_from_db()
    assert reference.title == "Notice de l'ORIV"
    login(users["delegation"]).post(action_url, {"comment": ""})
    reference.refresh_from_db()
    assert reference.title == "Notice révisée"
    client.logout()
    detail = client.get(f"/api/v2/references/{reference.pk}/").json()
    assert detail["title"] == "Notice révisée"


def test_a_new_notice_in_moderation_is_not_public(users, login, editorial_site, client):
    oriv = Organisation.objects.get(acronym="ORIV")
    draft = Reference(reference_type="book", title="Notice en attente", year=2021)
    response = login(users["editeur-oriv"]).post(
        url("add"),
        {**reference_form(draft, organisation=oriv.pk), "action-submit": "action-submit"},
    )
    assert response.status_code == 302
    reference = Reference.objects.get(title="Notice en attente")
    assert not reference.live
    assert WorkflowState.objects.for_instance(reference).filter(status="in_progress").exists()
    client.logout()
    assert client.get(f"/api/v2/references/{reference.pk}/").status_code == 404
    titles = [r["title"] for r in client.get("/api/v2/search/", {"q": "attente"}).json()["results"]]
    assert "Notice en attente" not in titles


def test_an_import_updates_only_the_importer_s_own_structure_notices(users, notices):
    from bibliography.importer import REJECTED, UPDATE, UPDATED, import_records, parse_text

    for acronym, reference in notices.items():
        Reference.objects.filter(pk=reference.pk).update(doi=f"10.1/{acronym.lower()}")
    ris = "".join(
        f"TY  - BOOK\nTI  - Titre corrigé {acronym}\nPY  - 2020\nDO  - 10.1/{acronym.lower()}\n"
        "ER  - \n"
        for acronym in ("ORIV", "IREV")
    )

    report = import_records(parse_text(ris, "ris"), user=users["editeur-oriv"], on_duplicate=UPDATE)

    assert report.counts[UPDATED] == 1 and report.counts[REJECTED] == 1
    (refused,) = [row for row in report.rows if row.status == REJECTED]
    assert "Notice détenue par IREV" in refused.reason
    oriv = Reference.objects.get(pk=notices["ORIV"].pk)
    # The editor's update waits for « Validation des notices »: the live notice is unchanged.
    assert oriv.title == "Notice de l'ORIV"
    assert oriv.has_unpublished_changes
    assert oriv.latest_revision.as_object().title == "Titre corrigé ORIV"
    assert Reference.objects.get(pk=notices["IREV"].pk).title == "Notice de l'IREV"


def test_an_editor_s_import_creates_drafts_not_live_notices(users, editorial_site):
    from bibliography.importer import CREATED, import_records, parse_text

    ris = "TY  - BOOK\nTI  - Nouvelle notice importée\nPY  - 2021\nER  - \n"
    report = import_records(parse_text(ris, "ris"), user=users["editeur-oriv"], publish=True)

    assert report.counts[CREATED] == 1
    assert not Reference.objects.get(title="Nouvelle notice importée").live


def test_an_editor_s_import_checks_permissions_without_a_query_per_record(
    users, editorial_site, django_assert_max_num_queries
):
    from bibliography.importer import REJECTED, UPDATE, import_records, parse_text

    irev = Organisation.objects.get(acronym="IREV")
    ris = "".join(f"TY  - BOOK\nTI  - Notice {n}\nPY  - 2020\nER  - \n" for n in range(600))
    import_records(parse_text(ris, "ris"), organisation=irev)

    with django_assert_max_num_queries(60):
        report = import_records(
            parse_text(ris, "ris"), user=users["editeur-oriv"], on_duplicate=UPDATE, keep_rows=False
        )

    assert report.counts[REJECTED] == 600
    assert "Notice détenue par IREV" in report.rejected[0].reason
