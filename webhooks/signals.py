"""Turn publications, unpublications and deletions into webhook deliveries (an outbox).

Pages: Wagtail's `page_published` / `page_unpublished` and Django's `post_delete`.
References (`bibliography.Reference`, a snippet with DraftStateMixin): Wagtail's `published` /
`unpublished` and `post_delete`. The deliveries are rows written in the transaction that makes
the change, so they exist exactly when the change does; sending them waits for the commit.
"""

from django.conf import settings
from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, published, unpublished

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


def on_page_published(sender, instance, **kwargs) -> None:
    record(Event.PUBLISH, page_object(instance), instance.title)


def on_page_unpublished(sender, instance, **kwargs) -> None:
    record(Event.UNPUBLISH, page_object(instance), instance.title)


def on_page_deleting(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and sender is instance.specific_class:
        instance._webhook_private = instance.get_view_restrictions().exists()


def on_page_deleted(sender, instance, **kwargs) -> None:
    # Deleting a page deletes a row per table of its type: report the specific one only.
    if not issubclass(sender, Page) or sender is not instance.specific_class:
        return
    obj = page_object(instance)
    obj["url"] = None
    record(Event.DELETE, obj, instance.title)


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
    pre_delete.connect(on_page_deleting, dispatch_uid="webhooks-page-deleting")
    post_delete.connect(on_deleted, dispatch_uid="webhooks-deleted")
