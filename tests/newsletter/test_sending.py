"""Sending through a real (local) SMTP server: throttled, resumable, each subscriber once."""

import email
import email.policy
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from newsletter import sending
from newsletter.choices import DeliveryStatus, SendingStatus, SubscriberStatus
from newsletter.models import Delivery, IssueSending
from tests.factories import NewsletterIssuePageFactory, SubscriberFactory

from .site_content import build

pytestmark = pytest.mark.django_db


class FakeTime:
    """The clock and the pauses of the throttle: time passes only when the sender waits."""

    def __init__(self, interrupt_after: int | None = None) -> None:
        self.now = 0.0
        self.pauses: list[float] = []
        self.interrupt_after = interrupt_after

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        if self.interrupt_after is not None and len(self.pauses) >= self.interrupt_after:
            raise KeyboardInterrupt  # the process is stopped while it waits
        self.now += seconds


@pytest.fixture
def issue(newsletter_index):
    content = build(newsletter_index.get_parent())
    page = NewsletterIssuePageFactory(
        parent=newsletter_index,
        number=12,
        title="Lettre n° 12 – décembre 2016",
        content=[
            ("pages", {"kind": "notes", "title": "Notes", "pages": [content.note]}),
            ("press", {"title": "Veille", "items": [content.press]}),
        ],
    )
    page.save_revision().publish()
    page.refresh_from_db()
    page.content_fixture = content
    return page


def queued(issue, user) -> IssueSending:
    sending.send_test(issue, user)
    return sending.queue(issue, user)


def parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_each_subscriber_gets_one_copy_with_both_parts_and_unsubscribe_headers(
    issue, admin_client, mail_server
):
    subscribers = SubscriberFactory.create_batch(3)
    SubscriberFactory(email="pending@exemple.fr", status=SubscriberStatus.PENDING)
    SubscriberFactory(email="bounced@exemple.fr", status=SubscriberStatus.BOUNCED)
    queued(issue, admin_client.user)
    mail_server.received.clear()  # the test send went through the same server

    report = sending.run(rate=6000, max_seconds=50)

    assert report.sent == 3
    assert sorted(mail_server.recipients()) == sorted(s.email for s in subscribers)
    message = parsed(mail_server.received[0][1])
    assert message["Subject"] == "Lettre n° 12 – décembre 2016"
    unsubscribe = str(message["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<http://testserver/lettre/desinscription/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    text = message.get_body(("plain",)).get_content()
    assert issue.content_fixture.note.title in text
    assert unsubscribe.strip("<>") in text

    # The link in the header unsubscribes in one click, as a mail client would POST it.
    path = unsubscribe.strip("<>").removeprefix("http://testserver")
    admin_client.logout()
    assert admin_client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200

    sending_row = IssueSending.objects.get(issue=issue)
    assert sending_row.status == SendingStatus.SENT and sending_row.finished_at
    again = sending.run(rate=6000, max_seconds=50)
    assert again.sent == 0 and len(mail_server.received) == 3


def test_a_crash_of_the_mail_server_mid_sending_then_a_restart_sends_everyone_once(
    issue, admin_client, mail_server
):
    subscribers = SubscriberFactory.create_batch(5)
    queued(issue, admin_client.user)
    mail_server.received.clear()
    mail_server.drop_at = 3  # receives the third message, then the connection dies

    first = sending.run(rate=6000, max_seconds=50)

    assert (first.sent, first.uncertain) == (2, 1)
    assert "interrompue" in first.stopped_by
    assert IssueSending.objects.get(issue=issue).status == SendingStatus.SENDING
    mail_server.drop_at = None

    second = sending.run(rate=6000, max_seconds=50)

    assert second.sent == 2
    assert sorted(mail_server.recipients()) == sorted(s.email for s in subscribers)
    uncertain = Delivery.objects.get(status=DeliveryStatus.UNCERTAIN)
    assert "Connexion interrompue" in uncertain.error
    assert IssueSending.objects.get(issue=issue).status == SendingStatus.SENT


def test_a_stopped_process_resumes_where_it_stopped(issue, admin_client, mail_server):
    subscribers = SubscriberFactory.create_batch(5)
    queued(issue, admin_client.user)
    mail_server.received.clear()
    stopped = FakeTime(interrupt_after=2)
    with pytest.raises(KeyboardInterrupt):
        sending.run(rate=60, max_seconds=55, clock=stopped.clock, sleep=stopped.sleep)
    assert len(mail_server.received) == 2

    call_command("send_newsletters", rate=6000, stdout=io.StringIO())

    assert sorted(mail_server.recipients()) == sorted(s.email for s in subscribers)


def test_a_delivery_left_claimed_by_a_dead_process_is_never_sent_again(
    issue, admin_client, mail_server, settings
):
    import datetime

    from django.utils import timezone

    SubscriberFactory.create_batch(3)
    queued(issue, admin_client.user)
    mail_server.received.clear()
    sending.start_queued(sending.RunReport())  # the deliveries are written
    # A process claimed the first one an hour ago, and died before the server answered.
    claimed = Delivery.objects.order_by("pk").first()
    Delivery.objects.filter(pk=claimed.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )

    report = sending.run(rate=6000, max_seconds=50)

    assert report.uncertain == 1 and report.sent == 2
    assert claimed.subscriber.email not in mail_server.recipients()


def test_sending_keeps_to_the_rate_and_the_next_run_carries_on(issue, admin_client, mail_server):
    subscribers = SubscriberFactory.create_batch(5)
    queued(issue, admin_client.user)
    mail_server.received.clear()
    time = FakeTime()

    first = sending.run(rate=6, max_seconds=25, clock=time.clock, sleep=time.sleep)

    assert first.sent == 3  # at 0 s, 10 s and 20 s: a fourth would be past 25 s
    assert time.pauses == [10.0, 10.0]
    second = sending.run(rate=6, max_seconds=25, clock=time.clock, sleep=time.sleep)
    assert second.sent == 2
    assert sorted(mail_server.recipients()) == sorted(s.email for s in subscribers)


def test_refusals_are_recorded_per_subscriber(issue, admin_client, mail_server, settings):
    gone = SubscriberFactory(email="inconnu@exemple.fr")
    full = SubscriberFactory(email="boite-pleine@exemple.fr")
    fine = SubscriberFactory(email="ok@exemple.fr")
    mail_server.refuse = {
        gone.email: "550 5.1.1 <inconnu@exemple.fr>: utilisateur inconnu",
        full.email: "452 4.2.2 Boîte pleine",
    }
    queued(issue, admin_client.user)
    mail_server.received.clear()

    first = sending.run(rate=6000, max_seconds=50)

    assert (first.sent, first.failed, first.retried) == (1, 1, 1)
    failed = Delivery.objects.get(subscriber=gone)
    assert failed.status == DeliveryStatus.FAILED and "550" in failed.error
    gone.refresh_from_db()
    assert gone.status == SubscriberStatus.BOUNCED
    assert Delivery.objects.get(subscriber=full).status == DeliveryStatus.PENDING
    mail_server.refuse = {}

    second = sending.run(rate=6000, max_seconds=50)

    assert second.sent == 1
    assert sorted(mail_server.recipients()) == sorted([fine.email, full.email])
    page = admin_client.get(reverse("newsletter_sending", args=[issue.pk])).content.decode()
    assert "inconnu@exemple.fr" in page and "550 5.1.1" in page

    from newsletter.subscriptions import unsubscribe

    unsubscribe(gone)  # the address leaves no trace, not even in the server's answer
    assert not Delivery.objects.filter(error__contains="inconnu@exemple.fr").exists()
    assert Delivery.objects.filter(subscriber=None, status=DeliveryStatus.FAILED).count() == 1


def test_an_unreachable_mail_server_leaves_everything_to_send(issue, admin_client, settings):
    SubscriberFactory.create_batch(2)
    queued(issue, admin_client.user)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2

    report = sending.run(rate=6000, max_seconds=50)

    assert report.sent == 0 and "injoignable" in report.stopped_by
    assert Delivery.objects.filter(status=DeliveryStatus.PENDING).count() == 2


def test_someone_who_unsubscribes_during_the_sending_is_skipped(issue, admin_client):
    leaving, staying = SubscriberFactory.create_batch(2)
    queued(issue, admin_client.user)
    sending.start_queued(sending.RunReport())
    leaving.delete()
    mail.outbox.clear()

    report = sending.run(rate=6000, max_seconds=50)

    assert (report.sent, report.skipped) == (1, 1)
    assert [m.to for m in mail.outbox] == [[staying.email]]


def editor_without_publish_right(home):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="Éditeurs")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=home, permission=Permission.objects.get(codename=codename)
        )
    user = get_user_model().objects.create_user("editrice", "editrice@exemple.fr", "pw")
    user.groups.add(group)
    return user


def test_the_editor_tests_first_and_only_the_delegation_sends(issue, admin_client):
    SubscriberFactory()
    url = reverse("newsletter_sending", args=[issue.pk])
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
    assert f'href="{url}"' in edit  # « Envoi de la lettre » in the page's header
    page = admin_client.get(url).content.decode()
    assert "Faites d&#x27;abord un envoi de test" in page
    response = admin_client.post(url, {"action": "send"}, follow=True)
    assert not IssueSending.objects.filter(requested_at__isnull=False).exists()

    response = admin_client.post(url, {"action": "test"}, follow=True)
    assert "Envoi de test fait à delegue@exemple.fr" in response.content.decode()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["delegue@exemple.fr"], "[TEST] Lettre n° 12 – décembre 2016")
    ]

    editor = editor_without_publish_right(issue.get_parent().get_parent())
    client = Client()
    client.force_login(editor)
    page = client.get(url).content.decode()
    assert "Seule la délégation du réseau envoie la lettre." in page
    client.post(url, {"action": "send"})
    assert not IssueSending.objects.filter(requested_at__isnull=False).exists()

    response = admin_client.post(url, {"action": "send"}, follow=True)
    assert "Envoi demandé" in response.content.decode()
    call_command("send_newsletters", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    response = admin_client.post(url, {"action": "send"}, follow=True)
    assert "déjà été envoyée" in response.content.decode()
    call_command("send_newsletters", stdout=io.StringIO())
    assert len(mail.outbox) == 2


def test_a_change_published_after_the_test_needs_a_new_test(issue, admin_client):
    sending.send_test(issue, admin_client.user)
    issue.title = "Lettre n° 12 – décembre 2016 (corrigée)"
    issue.save_revision().publish()
    with pytest.raises(sending.SendingRefused, match="envoi de test"):
        sending.queue(issue, admin_client.user)


def test_the_command_refuses_a_nonsense_rate():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--rate"):
        call_command("send_newsletters", rate=0, stdout=io.StringIO())


def test_the_test_send_shows_the_draft_being_written(issue, admin_client):
    draft = issue.get_latest_revision_as_object()
    draft.editorial = "<p>Un éditorial encore en brouillon.</p>"
    draft.save_revision()
    sending.send_test(issue, admin_client.user)
    assert "Un éditorial encore en brouillon." in mail.outbox[-1].body
    with pytest.raises(sending.SendingRefused, match="modifications non publiées"):
        sending.queue(issue, admin_client.user)


def test_a_claim_is_left_to_a_process_still_alive_and_taken_back_from_one_gone(
    issue, admin_client, mail_server
):
    import os
    import socket

    from django.utils import timezone

    SubscriberFactory.create_batch(4)
    queued(issue, admin_client.user)
    mail_server.received.clear()
    sending.start_queued(sending.RunReport())
    host = socket.gethostname()
    claims = {
        "alive": f"{host}:{os.getppid()}",  # another run, busy with its message
        "gone": f"{host}:{_free_pid()}",  # a run killed mid-message
        "elsewhere": "autre-serveur:4242",  # another host: only its age tells
    }
    deliveries = list(Delivery.objects.order_by("pk"))
    for delivery, claimed_by in zip(deliveries, claims.values(), strict=False):
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.SENDING, claimed_at=timezone.now(), claimed_by=claimed_by
        )

    report = sending.run(rate=6000, max_seconds=50)

    statuses = [d.status for d in Delivery.objects.order_by("pk")]
    assert statuses == [
        DeliveryStatus.SENDING,
        DeliveryStatus.UNCERTAIN,
        DeliveryStatus.SENDING,
        DeliveryStatus.SENT,
    ]
    assert (report.sent, report.uncertain) == (1, 1)
    assert mail_server.recipients() == [deliveries[3].subscriber.email]
    assert IssueSending.objects.get(issue=issue).status == SendingStatus.SENDING  # not over yet


def _free_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    import subprocess

    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid
