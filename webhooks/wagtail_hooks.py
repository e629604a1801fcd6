from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import WebhookDelivery
from .viewsets import ReadOnlyPermissionPolicy, WebhooksViewSetGroup

register_permission_policy(WebhookDelivery, ReadOnlyPermissionPolicy(WebhookDelivery))
register_snippet(WebhooksViewSetGroup)
