"""The « Webhooks » admin: receivers edited by administrators, deliveries shown read-only."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories.webhooks import WebhookFactory
from webhooks.models import Webhook, WebhookDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def form_data(**overrides) -> dict:
    return {
        "name": "Site public",
        "url": "https://example.org/hook",
        "secret": "un-secret-partage",
        "on_publish": "on",
        "on_delete": "on",
        "for_pages": "on",
        "for_references": "on",
        "active": "on",
        **overrides,
    }


def test_an_administrator_adds_a_webhook(admin_client, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    response = admin_client.post(reverse("wagtailsnippets_webhooks_webhook:add"), form_data())
    assert response.status_code == 302
    webhook = Webhook.objects.get()
    assert (webhook.url, webhook.on_publish, webhook.on_unpublish) == (
        "https://example.org/hook",
        True,
        False,
    )
    listing = admin_client.get(reverse("wagtailsnippets_webhooks_webhook:list"))
    assert "Site public" in listing.content.decode()


def test_a_new_webhook_gets_a_random_secret(admin_client):
    page = admin_client.get(reverse("wagtailsnippets_webhooks_webhook:add")).content.decode()
    assert "X-Reci-Signature" in page
    assert Webhook().secret != Webhook().secret


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.0.0.5/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
    ],
)
def test_internal_addresses_are_refused_in_production(admin_client, settings, url):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    response = admin_client.post(
        reverse("wagtailsnippets_webhooks_webhook:add"), form_data(url=url)
    )
    assert response.status_code == 200
    assert "mène à un réseau interne" in response.content.decode()
    assert not Webhook.objects.exists()


def test_a_webhook_needs_an_event(admin_client):
    data = form_data()
    del data["on_publish"], data["on_delete"]
    response = admin_client.post(reverse("wagtailsnippets_webhooks_webhook:add"), data)
    assert "Choisissez au moins un événement." in response.content.decode()


def test_the_admin_lists_deliveries_read_only(admin_client):
    webhook = WebhookFactory(name="Portail partenaire")
    delivery = WebhookDelivery.objects.create(
        webhook=webhook,
        event="publish",
        kind="page",
        object_id=7,
        object_title="Point de vue sur… la laïcité",
        payload={"event": "publish"},
        status_code=500,
        error="Réponse HTTP 500",
        attempts=1,
    )
    listing = admin_client.get(reverse("wagtailsnippets_webhooks_webhookdelivery:list"))
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "Point de vue sur… la laïcité" in html
    assert "Portail partenaire" in html
    assert "En attente" in html
    assert reverse("wagtailsnippets_webhooks_webhookdelivery:add") not in html

    inspect = admin_client.get(
        reverse("wagtailsnippets_webhooks_webhookdelivery:inspect", args=[delivery.pk])
    )
    assert "Réponse HTTP 500" in inspect.content.decode()
    for action in ("add", "edit", "delete"):
        args = [] if action == "add" else [delivery.pk]
        url = reverse(f"wagtailsnippets_webhooks_webhookdelivery:{action}", args=args)
        assert admin_client.get(url).status_code in (302, 403)
    assert WebhookDelivery.objects.count() == 1


def test_the_menu_is_in_french(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Webhooks" in html
    assert "Livraisons" in html
