"""Admin of the webhooks, under one « Webhooks » menu: the receivers and the delivery log."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Webhook, WebhookDelivery


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The delivery log is written by the system only: view it, never add, edit or delete."""

    WRITE_ACTIONS = frozenset({"add", "change", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.WRITE_ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(
            [action for action in actions if action not in self.WRITE_ACTIONS]
        )


class WebhookViewSet(SnippetViewSet):
    model = Webhook
    icon = "link-external"
    menu_label = _("Destinataires")
    list_display = ["name", "url", BooleanColumn("active", label=_("actif"))]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    copy_view_enabled = False


class WebhookDeliveryViewSet(SnippetViewSet):
    model = WebhookDelivery
    icon = "history"
    menu_label = _("Livraisons")
    list_display = [
        "__str__",
        "webhook",
        "status",
        "attempts",
        "status_code",
        "next_attempt",
        "delivered_at",
        "created_at",
    ]
    list_filter = ["status", "event", "kind", "webhook"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "webhook",
        "event",
        "kind",
        "object_id",
        "object_title",
        "payload",
        "status",
        "attempts",
        "status_code",
        "response_excerpt",
        "error",
        "next_attempt",
        "created_at",
        "delivered_at",
    ]
    copy_view_enabled = False


class WebhooksViewSetGroup(SnippetViewSetGroup):
    items = (WebhookViewSet, WebhookDeliveryViewSet)
    menu_icon = "link-external"
    menu_label = _("Webhooks")
    menu_name = "webhooks"
