"""The editorial roles as data: groups, their permissions and the moderation workflows.

`apply_editorial_roles()` is idempotent; it runs from the data migration's successor steps
(`manage.py setup_editorial_roles`), from `load_demo_data`, and for a structure's group
whenever a structure is created.
"""

from django.apps import apps
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permissions import policy_registry

from .permissions import DELEGATION_GROUP_NAME

NETWORK_WORKFLOW_NAME = "Validation réseau"
REFERENCE_WORKFLOW_NAME = "Validation des notices"
DELEGATION_TASK_NAME = "Validation par la délégation"
CROSS_REVIEW_TASK_NAME = "Relecture par une autre structure"

EDITOR_PAGE_ACTIONS = ("add_page", "change_page", "lock_page")
DELEGATION_PAGE_ACTIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# Documents and images, on every collection. Wagtail's collection permissions know three
# actions: "add" (upload, then edit and delete one's own uploads), "change" (edit, replace the
# file of and DELETE any of them) and "choose" (pick them in a chooser). Editors therefore do
# not get "change": it would let them delete or replace the PDF of a published note, outside
# the workflow. The delegation manages them all.
EDITOR_MEDIA = ("add", "choose")
DELEGATION_MEDIA = ("add", "change", "choose")

# Snippets: (app_label, model) → actions for editors / for the delegation. Models that do not
# exist (an app not installed yet) are skipped.
EDITOR_SNIPPETS = {
    ("core", "person"): ("add", "change", "view"),
    ("publications", "pressitem"): ("add", "change", "view"),
    ("bibliography", "reference"): ("add", "change", "view"),
}
DELEGATION_SNIPPETS = {
    ("core", "theme"): ("add", "change", "delete", "view"),
    ("core", "organisation"): ("add", "change", "delete", "view"),
    ("core", "person"): ("add", "change", "delete", "view"),
    ("publications", "pressitem"): ("add", "change", "delete", "view", "publish"),
    ("bibliography", "reference"): ("add", "change", "delete", "view", "publish", "lock", "unlock"),
    ("newsletter", "subscriber"): ("delete", "view"),
}


def _model(app_label: str, model_name: str):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def _grant_model_permissions(group: Group, spec: dict) -> None:
    for (app_label, model_name), actions in spec.items():
        model = _model(app_label, model_name)
        if model is None:
            continue
        content_type = ContentType.objects.get_for_model(model)
        codenames = [f"{action}_{model_name}" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type=content_type, codename__in=codenames)
        )


def _media_policies():
    return [
        policy_registry.get_by_type(model) for model in (get_document_model(), get_image_model())
    ]


def media_permissions(actions: tuple[str, ...]) -> list[Permission]:
    """The permissions Wagtail checks for these actions on documents and images.

    Wagtail's policies check the permissions of `wagtaildocs.Document` and
    `wagtailimages.Image` (their `auth_model`), per collection, even when a custom model
    (`core.SiteDocument`) stores the files: granting the custom model's own permissions does
    nothing. A missing permission is an error, never skipped silently.
    """
    permissions = []
    for policy in _media_policies():
        auth_model = policy.auth_model
        codenames = {get_permission_codename(action, auth_model._meta) for action in actions}
        found = list(
            Permission.objects.filter(
                content_type=ContentType.objects.get_for_model(auth_model),
                codename__in=codenames,
            )
        )
        missing = codenames - {permission.codename for permission in found}
        if missing:
            raise LookupError(f"Missing permissions {sorted(missing)}: run `manage.py migrate`.")
        permissions += found
    return permissions


def _grant_media(group: Group, actions: tuple[str, ...]) -> None:
    """Exactly these rights on the documents and images of every collection (granted on the
    root collection): rights left there by earlier versions of the roles are removed, as are
    grants of the custom document model's permissions, which Wagtail never reads. Grants on
    other collections, made in the admin, are left alone."""
    root = Collection.get_first_root_node()
    if root is None:
        return
    wanted = media_permissions(actions)
    for permission in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
    media_types = ContentType.objects.get_for_models(
        get_document_model(), *(policy.auth_model for policy in _media_policies())
    ).values()
    GroupCollectionPermission.objects.filter(
        group=group, collection=root, permission__content_type__in=media_types
    ).exclude(permission__in=wanted).delete()


def _grant_pages(group: Group, codenames: tuple[str, ...]) -> None:
    home_model = _model("home", "homepage")
    for home in home_model.objects.all():
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)


def _admin_access(group: Group) -> None:
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )


def grant_editor_permissions(group: Group) -> None:
    """What a member structure's editors may do: create, edit and lock, never publish."""
    _admin_access(group)
    _grant_pages(group, EDITOR_PAGE_ACTIONS)
    _grant_media(group, EDITOR_MEDIA)
    _grant_model_permissions(group, EDITOR_SNIPPETS)


def delegation_group() -> Group:
    group, _ = Group.objects.get_or_create(name=DELEGATION_GROUP_NAME)
    return group


def _task(model, name: str, **defaults):
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name, **defaults)
    return task


def _workflow(name: str, tasks: list) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=name)
    for position, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": position}
        )
    WorkflowTask.objects.filter(workflow=workflow).exclude(task__in=[t.pk for t in tasks]).delete()
    return workflow


@transaction.atomic
def apply_editorial_roles() -> None:
    """Create or complete every group, permission and workflow of the editorial model."""
    from .models import CrossStructureReviewTask, Organisation

    delegation = delegation_group()
    _admin_access(delegation)
    _grant_pages(delegation, DELEGATION_PAGE_ACTIONS)
    _grant_media(delegation, DELEGATION_MEDIA)
    _grant_model_permissions(delegation, DELEGATION_SNIPPETS)
    for organisation in Organisation.objects.all():
        organisation.save()  # the post_save signal creates the group and grants its rights

    delegation_task = _task(GroupApprovalTask, DELEGATION_TASK_NAME)
    delegation_task.groups.set([delegation])
    tasks = [delegation_task]
    note_model = _model("publications", "notepage")
    if note_model is not None:
        cross_review = _task(CrossStructureReviewTask, CROSS_REVIEW_TASK_NAME)
        cross_review.content_types.set([ContentType.objects.get_for_model(note_model)])
        tasks.insert(0, cross_review)
    network_workflow = _workflow(NETWORK_WORKFLOW_NAME, tasks)
    for home in _model("home", "homepage").objects.all():
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": network_workflow})

    reference_model = _model("bibliography", "reference")
    if reference_model is not None:
        reference_workflow = _workflow(REFERENCE_WORKFLOW_NAME, [delegation_task])
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(reference_model),
            defaults={"workflow": reference_workflow},
        )
