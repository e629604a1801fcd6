import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from core.models import Organisation
from core.permissions import DELEGATION_GROUP_NAME
from core.roles import NETWORK_WORKFLOW_NAME
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_migration_creates_the_delegation_group():
    assert Group.objects.filter(name=DELEGATION_GROUP_NAME).exists()


def test_each_member_structure_gets_its_editors_group():
    organisation = OrganisationFactory(acronym="ODTI")
    assert organisation.editor_group.name == "Éditeurs ODTI"
    organisation.acronym = "ODTI2"
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.editor_group.name == "Éditeurs ODTI2"
    assert Group.objects.filter(name__startswith="Éditeurs ODTI").count() == 1


def test_demo_has_groups_users_and_the_network_workflow(users, site_skeleton):
    assert {"editeur-oriv", "editeur-irev", "delegation"} <= set(users)
    assert users["editeur-oriv"].groups.get().organisation.acronym == "ORIV"
    workflow = WorkflowPage.objects.get(page=site_skeleton).workflow
    assert workflow.name == NETWORK_WORKFLOW_NAME
    assert Workflow.objects.filter(name=NETWORK_WORKFLOW_NAME).count() == 1
    editors = Organisation.objects.get(acronym="IREV").editor_group
    codenames = set(
        GroupPagePermission.objects.filter(group=editors).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "lock_page"}


@pytest.mark.parametrize("username", ["editeur-oriv", "editeur-irev"])
def test_editors_cannot_change_a_section_page(username, users, login, site_skeleton):
    section = site_skeleton.get_children().get(slug="publications")
    revisions_before = section.revisions.count()
    client = login(users[username])
    response = client.get(f"/admin/pages/{section.pk}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(
        f"/admin/pages/{section.pk}/edit/", {"title": "Piraté", "slug": "publications"}
    )
    assert response.status_code in (302, 403)
    section.refresh_from_db()
    assert section.title == "Publications"
    assert section.revisions.count() == revisions_before


def test_delegation_can_open_a_section_page(users, login, site_skeleton):
    section = site_skeleton.get_children().get(slug="publications")
    response = login(users["delegation"]).get(f"/admin/pages/{section.pk}/edit/")
    assert response.status_code == 200


def test_editors_reach_the_admin_in_french(users, login):
    response = login(users["editeur-oriv"]).get("/admin/")
    assert response.status_code == 200
    assert 'lang="fr"' in response.content.decode()
