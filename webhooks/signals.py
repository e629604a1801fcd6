"""Turn publications, unpublications and deletions into webhook deliveries (an outbox).

Pages: Wagtail's `page_published` / `page_unpublished` and Django's `post_delete`.
References (`bibliography.Reference`, a snippet with DraftStateMixin): Wagtail's `published` /
`unpublished` and `post_delete`. The deliveries are rows written in the transaction that makes
the change, so they exist exactly when the change does; sending them waits for the commit.
"""

from django.conf import settings
from django.db.models.signals import post_delete
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, published, unpublished

from .choices import ContentKind, Event
from .delivery import deliver_after_commit
from .models import Webhook, WebhookDelivery


def absolute(path: str) -> str:
    return f"{settings.WAGTAILAPI_BASE_URL.rstrip('/')}{path}"


def page_object(page: Page) -> dict:
    specific_class = page.specific_class or type(page)
    url = page.get_full_url() if page.live else None
    return {
        "kind": ContentKind.PAGE.value,
        "id": page.pk,
        "type": f"{specific_class._meta.app_label}.{specific_class.__name__}",
        "title": page.title,
        "url": url,
        "api_url": absolute(f"/api/v2/pages/{page.pk}/"),
    }


def reference_object(reference) -> dict:
    return {
        "kind": ContentKind.REFERENCE.value,
        "id": reference.pk,
        "type": "bibliography.Reference",
        "title": reference.title,
        "url": reference.get_public_url() if reference.live else None,
        "api_url": absolute(f"/api/v2/references/{reference.pk}/"),
    }


def record(event: str, obj: dict) -> list[int]:
    """One pending delivery per active webhook wanting this event for this kind of content."""
    webhooks = list(Webhook.matching(event, obj["kind"]))
    if not webhooks:
        return []
    now = timezone.now()
    payload = {"event": event, "occurred_at": now.isoformat(), "object": obj}
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            webhook=webhook,
            event=event,
            kind=obj["kind"],
            object_id=obj["id"],
            object_title=obj["title"][:255],
            payload=payload,
            next_attempt=now,
        )
        for webhook in webhooks
    )
    ids = [delivery.pk for delivery in deliveries]
    deliver_after_commit(ids)
    return ids


def on_page_published(sender, instance, **kwargs) -> None:
    record(Event.PUBLISH, page_object(instance))


def on_page_unpublished(sender, instance, **kwargs) -> None:
    record(Event.UNPUBLISH, page_object(instance))


def on_page_deleted(sender, instance, **kwargs) -> None:
    # Deleting a page deletes a row per table of its type: report the specific one only.
    if not issubclass(sender, Page) or sender is not instance.specific_class:
        return
    obj = page_object(instance)
    obj["url"] = None
    record(Event.DELETE, obj)


def is_reference(sender) -> bool:
    from bibliography.models import Reference

    return isinstance(sender, type) and issubclass(sender, Reference)


def on_snippet_published(sender, instance, **kwargs) -> None:
    if is_reference(type(instance)):
        record(Event.PUBLISH, reference_object(instance))


def on_snippet_unpublished(sender, instance, **kwargs) -> None:
    if is_reference(type(instance)):
        record(Event.UNPUBLISH, reference_object(instance))


def on_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        on_page_deleted(sender, instance)
    elif is_reference(sender):
        obj = reference_object(instance)
        obj["url"] = None
        record(Event.DELETE, obj)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="webhooks-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="webhooks-page-unpublished")
    published.connect(on_snippet_published, dispatch_uid="webhooks-published")
    unpublished.connect(on_snippet_unpublished, dispatch_uid="webhooks-unpublished")
    post_delete.connect(on_deleted, dispatch_uid="webhooks-deleted")
