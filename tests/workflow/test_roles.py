import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)
from wagtail.permissions import policy_registry

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


# Documents and images: the rights Wagtail checks (issue 17).


def root_media_codenames(group) -> set[str]:
    return set(
        GroupCollectionPermission.objects.filter(
            group=group, collection=Collection.get_first_root_node()
        ).values_list("permission__content_type__app_label", "permission__codename")
    )


EDITOR_MEDIA_RIGHTS = {
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
}
DELEGATION_MEDIA_RIGHTS = EDITOR_MEDIA_RIGHTS | {
    ("wagtaildocs", "change_document"),
    ("wagtailimages", "change_image"),
}


def test_roles_grant_the_document_and_image_rights_wagtail_checks(users, site_skeleton):
    editors = Organisation.objects.get(acronym="ORIV").editor_group
    assert root_media_codenames(editors) == EDITOR_MEDIA_RIGHTS
    assert root_media_codenames(Group.objects.get(name=DELEGATION_GROUP_NAME)) == (
        DELEGATION_MEDIA_RIGHTS
    )
    for model in (get_document_model(), get_image_model()):
        policy = policy_registry.get_by_type(model)
        for username in ("editeur-oriv", "delegation"):
            assert policy.user_has_permission(users[username], "add"), (model, username)
            assert policy.user_has_permission(users[username], "choose"), (model, username)


def old_grants(group, codenames) -> None:
    """Collection rights as the roles granted them before issue 17: on the custom model."""
    content_type = ContentType.objects.get_for_model(get_document_model())
    root = Collection.get_first_root_node()
    for codename in codenames:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename}
        )
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def test_setup_editorial_roles_repairs_an_old_database_and_can_run_again(
    users, login, site_skeleton
):
    editors = Organisation.objects.get(acronym="ORIV").editor_group
    delegation = Group.objects.get(name=DELEGATION_GROUP_NAME)
    GroupCollectionPermission.objects.filter(group__in=[editors, delegation]).delete()
    old_grants(editors, ["add_sitedocument", "change_sitedocument", "choose_sitedocument"])
    old_grants(delegation, ["add_sitedocument", "delete_sitedocument", "choose_sitedocument"])
    image_change = Permission.objects.get(codename="change_image")
    GroupCollectionPermission.objects.create(
        group=editors, collection=Collection.get_first_root_node(), permission=image_change
    )
    # Rights given in the admin on another collection are the admin's: kept.
    reports = Collection.get_first_root_node().add_child(name="Rapports")
    GroupCollectionPermission.objects.create(
        group=editors, collection=reports, permission=image_change
    )

    call_command("setup_editorial_roles", stdout=io.StringIO())
    after_first_run = set(GroupCollectionPermission.objects.values_list("pk", flat=True))
    call_command("setup_editorial_roles", stdout=io.StringIO())

    assert set(GroupCollectionPermission.objects.values_list("pk", flat=True)) == after_first_run
    assert root_media_codenames(editors) == EDITOR_MEDIA_RIGHTS
    assert root_media_codenames(delegation) == DELEGATION_MEDIA_RIGHTS
    assert GroupCollectionPermission.objects.filter(group=editors, collection=reports).exists()
    client = login(users["editeur-oriv"])
    assert client.get(reverse("wagtaildocs:add")).status_code == 200
    assert client.get(reverse("wagtaildocs_chooser:choose")).status_code == 200


def test_the_migration_moves_the_old_grants_to_wagtail_s_permissions(site_skeleton):
    migration = importlib.import_module("core.migrations.0005_document_permissions")
    editors = Organisation.objects.get(acronym="ORIV").editor_group
    GroupCollectionPermission.objects.filter(group=editors).delete()
    old_grants(editors, ["add_sitedocument", "choose_sitedocument"])
    reports = Collection.get_first_root_node().add_child(name="Rapports")
    GroupCollectionPermission.objects.create(
        group=editors,
        collection=reports,
        permission=Permission.objects.get(codename="change_sitedocument"),
    )

    migration.move_rights(django_apps, None)

    grants = set(
        GroupCollectionPermission.objects.filter(group=editors).values_list(
            "collection__name", "permission__content_type__app_label", "permission__codename"
        )
    )
    root = Collection.get_first_root_node().name
    assert grants == {
        (root, "wagtaildocs", "add_document"),
        (root, "wagtaildocs", "choose_document"),
        ("Rapports", "wagtaildocs", "change_document"),
    }
