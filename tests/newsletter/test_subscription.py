"""Subscribing without an account: double opt-in, expiring links, abuse, one-click unsubscribe."""

import datetime
import html
import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from newsletter.choices import SubscriberStatus
from newsletter.models import Subscriber
from newsletter.tokens import Purpose, make_token
from tests.factories import SubscriberFactory, ThemeFactory

pytestmark = pytest.mark.django_db
SUBSCRIBE = reverse("newsletter:subscribe")


def text(response) -> str:
    return html.unescape(response.content.decode())


def link_in(message, name: str) -> str:
    """The path of the `name` link (« confirmer », « desinscription »…) in a message's text."""
    match = re.search(rf"http://testserver(/lettre/{name}/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_every_public_page_links_to_the_form_from_its_footer(client, home_page):
    page = text(client.get(home_page.url))
    footer = page.split('<footer class="site-footer">', 1)[1]
    assert f'href="{SUBSCRIBE}"' in footer


def test_subscribing_takes_a_confirmation_within_the_link_lifetime(client, home_page):
    laicite = ThemeFactory(slug="laicite", name="Laïcité")
    form = client.get(SUBSCRIBE)
    assert "Votre adresse électronique" in text(form)
    assert "Laïcité" in text(form)

    response = client.post(SUBSCRIBE, {"email": " Camille@Exemple.FR ", "themes": [laicite.pk]})
    assert response.status_code == 302
    assert "Vérifiez votre messagerie" in text(client.get(response["Location"]))
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status) == ("camille@exemple.fr", "pending")
    assert list(subscriber.themes.all()) == [laicite]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["camille@exemple.fr"]

    confirm = link_in(mail.outbox[0], "confirmer")
    page = client.get(confirm)
    assert "Confirmer mon inscription" in text(page)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING  # a mail scanner opening the link

    done = client.post(confirm)
    assert "recevra la prochaine lettre" in text(done)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.ACTIVE and subscriber.confirmed_at


def test_a_confirmation_link_expires(client, home_page, settings):
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)):
        client.post(SUBSCRIBE, {"email": "tardif@exemple.fr"})
    confirm = link_in(mail.outbox[0], "confirmer")
    later = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC) + datetime.timedelta(
        seconds=settings.NEWSLETTER_CONFIRM_MAX_AGE + 60
    )
    with time_machine.travel(later):
        response = client.post(confirm)
    assert response.status_code == 410
    assert "Ce lien de confirmation a expiré" in text(response)
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


@pytest.mark.parametrize(
    "path",
    [
        "/lettre/confirmer/nimportequoi/",
        "/lettre/desinscription/nimportequoi/",
        "/lettre/preferences/nimportequoi/",
        "/lettre/confirmer/" + "A" * 3000 + "/",
    ],
)
def test_a_bad_token_is_a_clear_error(client, home_page, path):
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 400
        assert "Ce lien n'est pas valide" in text(response)


def test_a_token_works_for_its_own_purpose_only(client, home_page):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
    unsubscribe_token = make_token(subscriber, Purpose.UNSUBSCRIBE)
    assert client.post(f"/lettre/confirmer/{unsubscribe_token}/").status_code == 400
    tampered = make_token(subscriber, Purpose.CONFIRM)[:-2] + "xx"
    assert client.post(f"/lettre/confirmer/{tampered}/").status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_invalid_input_gets_french_errors_and_nothing_is_stored(client, home_page):
    response = client.post(SUBSCRIBE, {"email": "pas-une-adresse", "themes": ["999999"]})
    page = text(response)
    assert response.status_code == 400
    assert "Cette adresse électronique n'est pas valide" in page
    assert "Ce thème n'existe pas (ou plus)." in page
    for empty in ({"email": ""}, {}):
        response = client.post(SUBSCRIBE, empty)
        assert response.status_code == 400
        assert "Indiquez votre adresse électronique." in text(response)
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_the_same_address_typed_many_times_is_one_request_and_a_few_messages(
    client, home_page, settings
):
    for _ in range(8):
        assert client.post(SUBSCRIBE, {"email": "cible@exemple.fr"}).status_code == 302
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == settings.NEWSLETTER_MESSAGES_PER_ADDRESS


def test_one_connection_is_slowed_down_after_a_few_requests(client, home_page, settings):
    settings.NEWSLETTER_SUBSCRIBE_RATE = 3
    for n in range(3):
        assert client.post(SUBSCRIBE, {"email": f"a{n}@exemple.fr"}).status_code == 302
    response = client.post(SUBSCRIBE, {"email": "a9@exemple.fr"})
    assert response.status_code == 429
    assert "Trop de demandes d'inscription" in text(response)
    assert Subscriber.objects.count() == 3
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(SUBSCRIBE, {"email": "a9@exemple.fr"}).status_code == 302


def test_a_robot_filling_the_hidden_field_is_thanked_and_ignored(client, home_page):
    response = client.post(SUBSCRIBE, {"email": "robot@exemple.fr", "website": "http://spam"})
    assert response.status_code == 302
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_an_active_address_is_not_changed_by_whoever_types_it(client, home_page):
    laicite = ThemeFactory(slug="laicite", name="Laïcité")
    subscriber = SubscriberFactory(email="fidele@exemple.fr")
    client.post(SUBSCRIBE, {"email": "fidele@exemple.fr", "themes": [laicite.pk]})
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.ACTIVE
    assert list(subscriber.themes.all()) == []
    assert "déjà inscrite" in mail.outbox[0].body
    # ... but its owner changes them through the link the message gives.
    preferences = link_in(mail.outbox[0], "preferences")
    response = client.post(preferences, {"themes": [laicite.pk]})
    assert "Vos choix sont enregistrés." in text(response)
    assert list(subscriber.themes.all()) == [laicite]


def test_one_click_unsubscribe_needs_no_csrf_token_and_forgets_the_address(home_page):
    subscriber = SubscriberFactory(email="partant@exemple.fr")
    path = reverse("newsletter:unsubscribe", args=[make_token(subscriber, Purpose.UNSUBSCRIBE)])
    client = Client(enforce_csrf_checks=True)
    assert "Me désinscrire" in text(client.get(path))
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()  # opening the link is not enough
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "ne recevra plus la lettre" in text(response)
    assert not Subscriber.objects.filter(email="partant@exemple.fr").exists()
    assert client.post(path).status_code == 400  # the link is spent: nothing left to delete


def test_unconfirmed_requests_are_erased_once_their_link_expired(home_page, settings):
    start = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start):
        stale = SubscriberFactory(status=SubscriberStatus.PENDING)
        active = SubscriberFactory()
    with time_machine.travel(start + datetime.timedelta(hours=1)):
        fresh = SubscriberFactory(status=SubscriberStatus.PENDING)
    after = start + datetime.timedelta(seconds=settings.NEWSLETTER_CONFIRM_MAX_AGE + 60)
    with time_machine.travel(after):
        call_command("send_newsletters", max_seconds=1, stdout=io.StringIO())
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {active.pk, fresh.pk}
    assert not Subscriber.objects.filter(pk=stale.pk).exists()


def test_the_delegation_exports_the_subscribers_and_editors_cannot_see_them(
    admin_client, site_skeleton
):
    from django.contrib.auth import get_user_model

    SubscriberFactory(email="un@exemple.fr")
    SubscriberFactory(email="deux@exemple.fr", status=SubscriberStatus.PENDING)
    index = reverse("newsletter_subscribers:index")
    response = admin_client.get(index + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "un@exemple.fr" in body and "deux@exemple.fr" in body

    delegate = get_user_model().objects.get(username="delegation")
    client = Client()
    client.force_login(delegate)
    assert client.get(index).status_code == 200
    assert client.get(reverse("newsletter_subscribers:add")).status_code in (302, 403)

    client.force_login(get_user_model().objects.get(username="editeur-oriv"))
    response = client.get(index)
    assert response.status_code in (302, 403)
