"""Admin of the subscribers, for the delegation: list, filter, export, delete on request.

Nobody adds or edits a subscriber from the admin: an address comes in only through the
double opt-in, with its owner's consent. Not a snippet: a subscription is not public content
and must not change the API's content version (`api/signals.py`).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Subscriber


class NoWritePermissionPolicy(ModelPermissionPolicy):
    """View and delete only: rows are written by the public forms and the sending."""

    REFUSED = frozenset({"add", "change"})

    def user_has_permission(self, user, action):
        return action not in self.REFUSED and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.REFUSED])


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Abonnés à la lettre")
    menu_name = "newsletter-subscribers"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["email", "status", "theme_names", "confirmed_at"]
    list_filter = ["status", "themes"]
    list_export = ["email", "status", "theme_names", "created_at", "confirmed_at"]
    export_filename = "abonnes-lettre-reci"
    search_fields = ["email"]
    ordering = ["email"]
    list_per_page = 100
    copy_view_enabled = False
    form_fields = ["themes"]  # the add and edit views exist but are refused by the policy
    inspect_view_enabled = True
    inspect_view_fields = ["email", "status", "themes", "created_at", "confirmed_at"]
