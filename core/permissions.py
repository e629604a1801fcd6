"""Who may do what: member structures' editors, the network delegation, and page ownership.

Editors belong to the group of their member structure (« Éditeurs ORIV »); they create and edit
in every section but cannot publish, and they only change content that their structure signs
(`ContentPageMixin.organisations`). The « Délégation du réseau » validates and publishes
everything. Page rules are enforced in `StructurePagePermissionTester`, which every admin view
consults through `Page.permissions_for_user`.
"""

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from wagtail.models import PagePermissionTester

DELEGATION_GROUP_NAME = "Délégation du réseau"
EDITOR_GROUP_PREFIX = "Éditeurs "

User = AbstractBaseUser | AnonymousUser


def editor_group_name(acronym: str) -> str:
    return f"{EDITOR_GROUP_PREFIX}{acronym}"


def is_delegate(user: User) -> bool:
    """Superusers and members of the network delegation act for the whole network."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = "_reci_is_delegate"
    if not hasattr(user, cache):
        setattr(user, cache, user.groups.filter(name=DELEGATION_GROUP_NAME).exists())
    return getattr(user, cache)


def user_organisation_ids(user: User) -> frozenset[int]:
    """Ids of the member structures whose editors' group the user belongs to."""
    if not user.is_authenticated:
        return frozenset()
    cache = "_reci_organisation_ids"
    if not hasattr(user, cache):
        # Through the app registry: core.models imports core.workflows, which imports this
        # module; importing core.models here would close that cycle.
        Organisation = apps.get_model("core", "Organisation")  # noqa: N806
        ids = Organisation.objects.filter(editor_group__user=user).values_list("id", flat=True)
        setattr(user, cache, frozenset(ids))
    return getattr(user, cache)


def user_may_change(user: User, organisation_ids: set[int] | frozenset[int]) -> bool:
    """Whether `user` may change content signed by these structures.

    Delegates may change everything; content that no structure signs is shared by all editors;
    otherwise the user's structure must be among the signatories.
    """
    if is_delegate(user):
        return True
    if not organisation_ids:
        return True
    return bool(user_organisation_ids(user) & set(organisation_ids))


class StructurePagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed to the structures that sign the page."""

    def _signed_by_user_structure(self) -> bool:
        organisation_ids = {o.pk for o in self.page.organisations.all()}
        return user_may_change(self.user, organisation_ids)

    def _reviewing(self) -> bool:
        task = self.page.current_workflow_task
        return bool(task and task.user_can_access_editor(self.page, self.user))

    def can_edit(self) -> bool:
        return super().can_edit() and (self._signed_by_user_structure() or self._reviewing())

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return super().can_delete(ignore_bulk) and self._signed_by_user_structure()

    def can_unpublish(self) -> bool:
        return super().can_unpublish() and self._signed_by_user_structure()

    def can_publish(self) -> bool:
        return super().can_publish() and self._signed_by_user_structure()

    def can_lock(self) -> bool:
        return super().can_lock() and self._signed_by_user_structure()

    def can_move(self) -> bool:
        return super().can_move() and self._signed_by_user_structure()


class StructuralPagePermissionTester(PagePermissionTester):
    """The home page and the section pages frame the site: only the delegation changes them.

    Editors keep the right to add content below them.
    """

    def _delegate(self) -> bool:
        return is_delegate(self.user)

    def can_edit(self) -> bool:
        return super().can_edit() and self._delegate()

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return super().can_delete(ignore_bulk) and self._delegate()

    def can_unpublish(self) -> bool:
        return super().can_unpublish() and self._delegate()

    def can_publish(self) -> bool:
        return super().can_publish() and self._delegate()

    def can_move(self) -> bool:
        return super().can_move() and self._delegate()

    def can_lock(self) -> bool:
        return super().can_lock() and self._delegate()
