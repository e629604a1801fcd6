"""Turn publications, unpublications and deletions into webhook deliveries (an outbox).

Subscribed to the announcements of `core/changes.py`: pages and notices
(`bibliography.Reference`) published, unpublished or deleted, by the admin, the scheduler, a
command or an import. The deliveries are rows written in the transaction that makes the change,
so they exist exactly when the change does; sending them waits for the commit. A bulk write
announced as a batch (an import) is one delivery per webhook listing its objects.
"""

from django.conf import settings
from django.db.models.signals import pre_delete
from django.utils import timezone
from wagtail.models import Page

from core.changes import Action, Change, on_change

from .choices import ContentKind, Event
from .delivery import deliver_after_commit
from .models import Webhook, WebhookDelivery


def absolute(path: str) -> str:
    return f"{settings.WAGTAILAPI_BASE_URL.rstrip('/')}{path}"


def is_private(page: Page) -> bool:
    """Whether a view restriction (login, group, password) covers the page or an ancestor.

    Computed before a deletion (`pre_delete`), as the page's own restriction goes with it."""
    if hasattr(page, "_webhook_private"):
        return page._webhook_private
    return page.get_view_restrictions().exists()


def page_object(page: Page) -> dict:
    """The payload's description of a page; a private page's title and URL stay out of it.

    Receivers are outside the site: they learn that page N changed and may ask the API,
    which does not serve private pages either."""
    specific_class = page.specific_class or type(page)
    private = is_private(page)
    url = page.get_full_url() if page.live and not private else None
    return {
        "kind": ContentKind.PAGE.value,
        "id": page.pk,
        "type": f"{specific_class._meta.app_label}.{specific_class.__name__}",
        "title": None if private else page.title,
        "private": private,
        "url": url,
        "api_url": absolute(f"/api/v2/pages/{page.pk}/"),
    }


def reference_object(reference) -> dict:
    return {
        "kind": ContentKind.REFERENCE.value,
        "id": reference.pk,
        "type": "bibliography.Reference",
        "title": reference.title,
        "private": False,
        "url": reference.get_public_url() if reference.live else None,
        "api_url": absolute(f"/api/v2/references/{reference.pk}/"),
    }


def record(event: str, obj: dict, log_title: str = "") -> list[int]:
    """One pending delivery per active webhook wanting this event for this kind of content.

    `log_title` names the content in the admin's delivery log when the payload hides it."""
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
            object_title=(obj["title"] or log_title)[:255],
            payload=payload,
            next_attempt=now,
        )
        for webhook in webhooks
    )
    ids = [delivery.pk for delivery in deliveries]
    deliver_after_commit(ids)
    return ids


def record_batch(event: str, kind: str, objects: list[dict], batch) -> list[int]:
    """One pending delivery per active webhook for a whole bulk write (an import).

    An import of 2,000 notices is one POST listing them, not 2,000: receivers (a front end
    rebuilding a listing, a harvester) want to know once that a batch changed, and thousands of
    requests at once would look like an attack to them."""
    webhooks = list(Webhook.matching(event, kind))
    if not webhooks or not objects:
        return []
    now = timezone.now()
    payload = {
        "event": event,
        "occurred_at": now.isoformat(),
        "batch": {"id": batch.id, "label": batch.label, "count": len(objects)},
        "objects": objects,
    }
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            webhook=webhook,
            event=event,
            kind=kind,
            object_id=batch.id,
            object_title=f"{batch.label} ({len(objects)})"[:255],
            payload=payload,
            next_attempt=now,
        )
        for webhook in webhooks
    )
    ids = [delivery.pk for delivery in deliveries]
    deliver_after_commit(ids)
    return ids


def on_page_deleting(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and sender is instance.specific_class:
        instance._webhook_private = instance.get_view_restrictions().exists()


def is_reference(model) -> bool:
    from bibliography.models import Reference

    return isinstance(model, type) and issubclass(model, Reference)


EVENTS = {
    Action.PUBLISH: Event.PUBLISH,
    Action.UNPUBLISH: Event.UNPUBLISH,
    Action.DELETE: Event.DELETE,
}


def describe(change: Change, obj) -> dict | None:
    """The payload's object for one of the change's objects; None if no webhook cares."""
    if isinstance(obj, Page):
        # Deleting a page deletes a row per table of its type: report the specific one only.
        if change.action == Action.DELETE and change.model is not obj.specific_class:
            return None
        described = page_object(obj)
    elif is_reference(change.model):
        described = reference_object(obj)
    else:
        return None
    if change.action == Action.DELETE:
        described["url"] = None
    return described


def content_kind(model) -> str | None:
    if issubclass(model, Page):
        return ContentKind.PAGE.value
    if is_reference(model):
        return ContentKind.REFERENCE.value
    return None


def on_change_in_transaction(change: Change) -> None:
    event = EVENTS.get(change.action)
    kind = content_kind(change.model) if event else None
    if kind is None or change.raw or not Webhook.matching(event, kind).exists():
        return
    if change.batch is not None:
        objects = [obj for obj in (describe(change, o) for o in change.instances) if obj]
        record_batch(event, kind, objects, change.batch)
        return
    for instance in change.instances:
        obj = describe(change, instance)
        if obj is not None:
            record(event, obj, getattr(instance, "title", ""))


def connect() -> None:
    on_change(on_change_in_transaction)
    pre_delete.connect(on_page_deleting, dispatch_uid="webhooks-page-deleting")
