"""Who may change which notice: the editors of its holding structure, and the delegation.

A notice (`Reference`) belongs to its « structure détentrice » (`organisation`). Its editors
change and submit it; the other structures' editors read it (inspect view) but cannot save
it; the « Délégation du réseau » changes everything. Notices without a holding structure are
shared by every editor, as unsigned pages are (`core.permissions.user_may_change`).

Wagtail's generic edit view only checks model-level permissions, so `ReferenceEditMixin`
applies the instance-level rule before the edit and revert views do anything.
"""

from django.contrib.admin.utils import quote
from django.db.models import Q, QuerySet
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.permission_policies import ModelPermissionPolicy

from core.permissions import is_delegate, user_may_change, user_organisation_ids

# Actions that alter a given notice: reserved to its structure's editors and the delegation.
STRUCTURE_ACTIONS = frozenset({"change", "delete", "publish", "lock", "unlock"})


def holding_organisation_ids(reference) -> set[int]:
    return {reference.organisation_id} if reference.organisation_id else set()


class ReferencePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, narrowed to the notice's holding structure."""

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not self.user_has_permission(user, action):
            return False
        if action in STRUCTURE_ACTIONS:
            return user_may_change(user, holding_organisation_ids(instance))
        return True

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if not set(actions) <= STRUCTURE_ACTIONS or is_delegate(user):
            return queryset
        mine = user_organisation_ids(user)
        return queryset.filter(Q(organisation__isnull=True) | Q(organisation__in=mine))


class OwnStructureChoiceMixin:
    """Editors file notices under their own structure (create and edit forms).

    The « structure détentrice » offers only the editor's structures, and a new notice
    starts with the first of them.
    """

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        user = self.request.user
        field = form.fields.get("organisation")
        mine = user_organisation_ids(user)
        if field is not None and mine and not is_delegate(user):
            field.queryset = field.queryset.filter(pk__in=mine)
            field.required = True
            if not form.is_bound and form.instance.organisation_id is None:
                form.initial["organisation"] = min(mine)
        return form


class ReferenceEditMixin(OwnStructureChoiceMixin):
    """Send editors of another structure to the read-only view, with a message.

    Runs before any form is read (GET, POST, autosave), so a refused save creates no revision.
    """

    def run_before_hook(self) -> HttpResponse | None:
        if self.user_has_permission_for_instance("change", self.object):
            return super().run_before_hook()
        organisation = self.object.organisation
        message = _(
            "Cette notice appartient à %(structure)s : vous pouvez la consulter, mais seuls ses "
            "éditeurs et la délégation du réseau peuvent la modifier."
        ) % {"structure": organisation.acronym if organisation else _("une autre structure")}
        if self.expects_json_response:
            return JsonResponse(
                {"success": False, "error_code": "permission_denied", "error_message": message},
                status=403,
            )
        messages.error(self.request, message)
        inspect_url = reverse(
            "wagtailsnippets_bibliography_reference:inspect", args=(quote(self.object.pk),)
        )
        return redirect(inspect_url)


class ReferenceIndexMixin:
    """The listing links each notice to its edit form only where the user may change it."""

    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)
        return None
