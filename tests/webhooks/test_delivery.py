"""Publishing, unpublishing and deleting send signed webhooks, after commit, in the background.

These tests commit for real (transactional database), as deliveries only start once the
change is committed; a real HTTP server on 127.0.0.1 receives them.
"""

import datetime
import io
import json
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import NotePageFactory, ReferenceFactory
from tests.factories.webhooks import WebhookFactory
from webhooks.choices import DeliveryStatus
from webhooks.delivery import verify, wait_for_background
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def committed(action) -> float:
    """Run `action` in one transaction, as the admin's views do; return how long it took.

    (Outside a transaction the deliveries would start while Wagtail is still writing its
    audit log, which the in-memory SQLite test database refuses to run concurrently.)"""
    started = time.perf_counter()
    with transaction.atomic():
        action()
    return time.perf_counter() - started


def publish(page) -> float:
    """Publish a new revision of `page`; return how long the editor waited, in seconds."""
    page.title = f"{page.title} (révisée)"
    revision = page.save_revision()
    return committed(revision.publish)


def deliver_due() -> str:
    out = io.StringIO()
    call_command("deliver_webhooks", stdout=out)
    return out.getvalue()


def test_publishing_a_page_posts_a_signed_payload(home_page, receiver):
    webhook = WebhookFactory(url=receiver.url)
    page = NotePageFactory(parent=home_page, title="Contrat de ville et discriminations")

    publish(page)
    wait_for_background()

    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert request["headers"]["X-Reci-Event"] == "publish"
    assert verify(webhook.secret, request["body"], request["headers"]["X-Reci-Signature"])
    assert not verify("un-autre-secret", request["body"], request["headers"]["X-Reci-Signature"])
    payload = json.loads(request["body"])
    assert payload["event"] == "publish"
    assert payload["object"]["kind"] == "page"
    assert payload["object"]["id"] == page.pk
    assert payload["object"]["type"] == "publications.NotePage"
    assert payload["object"]["title"] == "Contrat de ville et discriminations (révisée)"
    assert payload["object"]["api_url"].endswith(f"/api/v2/pages/{page.pk}/")
    delivery = WebhookDelivery.objects.get()
    assert request["headers"]["X-Reci-Delivery"] == str(delivery.pk)
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 1
    assert delivery.status_code == 200
    assert delivery.delivered_at is not None


def test_a_hanging_receiver_does_not_slow_publishing(home_page, hanging_receiver, settings):
    settings.WEBHOOKS_TIMEOUT = 2
    WebhookFactory(url=hanging_receiver)
    page = NotePageFactory(parent=home_page)

    assert publish(page) < 1.0

    wait_for_background()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert "timed out" in delivery.error.lower()
    assert delivery.next_attempt > timezone.now()


def test_a_failing_receiver_is_retried_by_the_command(home_page, receiver, settings):
    settings.WEBHOOKS_RETRY_BASE = 60
    receiver.statuses = [500, 204]
    WebhookFactory(url=receiver.url)
    page = NotePageFactory(parent=home_page)

    publish(page)
    wait_for_background()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert (delivery.attempts, delivery.status_code) == (1, 500)
    assert delivery.response_excerpt == "erreur interne"
    delay = delivery.next_attempt - timezone.now()
    assert datetime.timedelta(seconds=50) < delay <= datetime.timedelta(seconds=60)

    assert "Livraisons dues : 0" in deliver_due()  # not due yet
    assert len(receiver.requests) == 1

    WebhookDelivery.objects.update(next_attempt=timezone.now())  # a minute later
    assert "livrées : 1" in deliver_due()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert (delivery.attempts, delivery.status_code) == (2, 204)
    assert receiver.requests[0]["body"] == receiver.requests[1]["body"]


def test_retries_back_off_then_give_up(home_page, receiver, settings):
    settings.WEBHOOKS_RETRY_BASE = 10
    settings.WEBHOOKS_MAX_ATTEMPTS = 3
    receiver.statuses = [503]
    WebhookFactory(url=receiver.url)
    publish(NotePageFactory(parent=home_page))
    wait_for_background()

    delays = []
    for _ in range(2):
        delivery = WebhookDelivery.objects.get()
        delays.append(round((delivery.next_attempt - timezone.now()).total_seconds()))
        WebhookDelivery.objects.update(next_attempt=timezone.now())
        deliver_due()
    assert delays == [10, 20]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.next_attempt) == (
        DeliveryStatus.FAILED,
        3,
        None,
    )


def test_unpublish_and_delete_of_a_page(home_page, receiver):
    WebhookFactory(url=receiver.url)
    page = NotePageFactory(parent=home_page)
    page_id = page.pk

    committed(page.unpublish)
    wait_for_background()
    committed(page.delete)
    wait_for_background()

    events = [json.loads(r["body"]) for r in receiver.requests]
    assert [e["event"] for e in events] == ["unpublish", "delete"]
    assert events[1]["object"]["id"] == page_id
    assert events[1]["object"]["type"] == "publications.NotePage"
    assert events[1]["object"]["url"] is None


def test_references_publish_unpublish_delete(db, receiver):
    WebhookFactory(url=receiver.url)
    reference = ReferenceFactory(title="Les discriminations dans le logement", live=False)

    committed(reference.save_revision().publish)
    wait_for_background()
    reference.refresh_from_db()
    committed(reference.unpublish)
    wait_for_background()
    reference_id = reference.pk
    committed(reference.delete)
    wait_for_background()

    events = [json.loads(r["body"]) for r in receiver.requests]
    assert [(e["event"], e["object"]["kind"]) for e in events] == [
        ("publish", "reference"),
        ("unpublish", "reference"),
        ("delete", "reference"),
    ]
    assert {e["object"]["id"] for e in events} == {reference_id}
    assert events[0]["object"]["api_url"].endswith(f"/api/v2/references/{reference_id}/")


def test_webhooks_only_hear_what_they_asked_for(home_page, receiver):
    WebhookFactory(url=receiver.url, on_publish=False)
    WebhookFactory(url=receiver.url, for_pages=False)
    WebhookFactory(url=receiver.url, active=False)
    page = NotePageFactory(parent=home_page)

    publish(page)
    page.refresh_from_db()
    committed(page.unpublish)
    wait_for_background()

    assert [r["headers"]["X-Reci-Event"] for r in receiver.requests] == ["unpublish"]


def test_nothing_is_sent_when_the_publication_is_rolled_back(home_page, receiver):
    WebhookFactory(url=receiver.url)
    page = NotePageFactory(parent=home_page)
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(page)
        raise RuntimeError("échec après la publication")
    wait_for_background()

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_private_pages_are_announced_without_title_or_url(home_page, receiver):
    WebhookFactory(url=receiver.url)
    section = NotePageFactory(parent=home_page, title="Espace des membres")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    page = NotePageFactory(parent=section, title="Compte rendu du conseil confidentiel")
    restricted_itself = NotePageFactory(parent=home_page, title="Brouillon de la direction")
    PageViewRestriction.objects.create(
        page=restricted_itself, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    restricted_id = restricted_itself.pk

    publish(page)
    wait_for_background()
    committed(restricted_itself.delete)
    wait_for_background()

    bodies = [r["body"] for r in receiver.requests]
    events = [json.loads(body) for body in bodies]
    # Deleting a live page unpublishes it first; both are sent concurrently, in any order.
    assert sorted((e["event"], e["object"]["id"]) for e in events) == [
        ("delete", restricted_id),
        ("publish", page.pk),
        ("unpublish", restricted_id),
    ]
    for event in events:
        assert event["object"]["private"] is True
        assert event["object"]["title"] is None
        assert event["object"]["url"] is None
    assert not any(b"confidentiel" in body or b"direction" in body for body in bodies)
    assert set(WebhookDelivery.objects.values_list("object_title", flat=True)) == {
        "Compte rendu du conseil confidentiel (révisée)",
        "Brouillon de la direction",
    }
    assert WebhookDelivery.objects.count() == 3


def test_public_pages_are_announced_with_title_and_url(home_page, receiver):
    WebhookFactory(url=receiver.url)
    page = NotePageFactory(parent=home_page, title="Laïcité et services publics")

    publish(page)
    wait_for_background()

    obj = json.loads(receiver.requests[0]["body"])["object"]
    assert obj["private"] is False
    assert obj["title"] == "Laïcité et services publics (révisée)"
    assert obj["url"].endswith(page.url)
