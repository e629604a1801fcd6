"""Bounces that come back later by mail: delivery status notifications read from a Maildir by
`manage.py process_bounces`, recorded against the subscriber like the refusals of the SMTP
conversation; temporary failures, other messages and broken ones are left alone, never read
twice, and never stop the command."""

import email
import email.policy
import imaplib
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection
from django.urls import reverse

from newsletter import sending
from newsletter.bounces import delivery_token
from newsletter.choices import DeliveryStatus, SubscriberStatus
from newsletter.models import Delivery, Subscriber
from tests.factories import NewsletterIssuePageFactory, SubscriberFactory

from .imap_server import ThrowawayDovecot, dovecot_path

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "bounces"
BOUNCE_ADDRESS = "lettre-retours@reseau-reci.example"
FROM = "Réseau RECI <lettre@reseau-reci.example>"


@pytest.fixture(autouse=True)
def newsletter_settings(settings):
    settings.NEWSLETTER_FROM_EMAIL = FROM
    settings.NEWSLETTER_BOUNCE_ADDRESS = BOUNCE_ADDRESS


@pytest.fixture
def maildir(tmp_path) -> Path:
    for folder in ("new", "cur", "tmp"):
        (tmp_path / "Maildir" / folder).mkdir(parents=True)
    return tmp_path / "Maildir"


def send_issue(newsletter_index, user, count: int, number: int = 12):
    """An issue sent to `count` new subscribers; the sent messages (as the server got them)."""
    subscribers = SubscriberFactory.create_batch(count)
    issue = NewsletterIssuePageFactory(parent=newsletter_index, number=number)
    issue.save_revision().publish()
    sending.send_test(issue, user)
    sending.queue(issue, user)
    sending.run(rate=6000, max_seconds=50)
    return subscribers


class Mailbox:
    """The bounce Maildir, filled as the mail server's local delivery would."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0

    def deliver(self, raw: bytes) -> str:
        self.count += 1
        name = f"1765270923.M{self.count:06d}P4242Q{self.count}.mail.reseau-reci.example"
        (self.path / "new" / name).write_bytes(raw)
        return name

    def deliver_sample(self, sample: str, subscriber, *, verp: bool = True) -> str:
        delivery = Delivery.objects.filter(subscriber=subscriber).latest("pk")
        token = delivery_token(delivery.pk)
        local, _, domain = BOUNCE_ADDRESS.partition("@")
        addressed_to = f"{local}+{token}@{domain}" if verp else "lettre@reseau-reci.example"
        text = (SAMPLES / sample).read_text(encoding="utf-8")
        text = text.replace("@@VERP@@", addressed_to).replace("@@TOKEN@@", token)
        return self.deliver(text.replace("@@ADDRESS@@", subscriber.email).encode())

    def new(self) -> list[str]:
        return sorted(p.name for p in (self.path / "new").iterdir())

    def cur(self) -> list[str]:
        return sorted(p.name for p in (self.path / "cur").iterdir())


def process_bounces(maildir: Path) -> str:
    out = io.StringIO()
    call_command("process_bounces", mailbox=str(maildir), stdout=out)
    return out.getvalue()


def status(subscriber) -> str:
    return Subscriber.objects.get(pk=subscriber.pk).status


def test_each_copy_goes_out_with_its_own_envelope_sender(
    newsletter_index, admin_client, mail_server
):
    first, second = send_issue(newsletter_index, admin_client.user, 2)
    for subscriber in (first, second):
        delivery = Delivery.objects.get(subscriber=subscriber)
        token = delivery_token(delivery.pk)
        assert mail_server.envelope_senders[subscriber.email] == (
            f"lettre-retours+{token}@reseau-reci.example"
        )
        raw = dict(mail_server.received)[subscriber.email]
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert message["From"] == FROM  # what the reader sees is unchanged
        assert message["X-Newsletter-Delivery"] == token
    test_copy = mail_server.envelope_senders["delegue@exemple.fr"]
    assert test_copy == "lettre@reseau-reci.example"  # a test send names no delivery


def test_hard_bounces_are_recorded_and_everything_else_left_alone(
    newsletter_index, admin_client, maildir
):
    unknown, delayed, full, forwarded, exchange, away = send_issue(
        newsletter_index, admin_client.user, 6
    )
    box = Mailbox(maildir)
    box.deliver_sample("postfix-user-unknown.eml", unknown)
    box.deliver_sample("postfix-delayed.eml", delayed)
    box.deliver_sample("postfix-gave-up-mailbox-full.eml", full)
    box.deliver_sample("exim-forwarded-address-unknown.eml", forwarded)
    box.deliver_sample("exchange-recipient-not-found.eml", exchange)
    box.deliver_sample("out-of-office.eml", away)
    box.deliver_sample("truncated-report.eml", away)
    box.deliver_sample("report-without-recipient.eml", away)
    box.deliver(b"\x00\xff\xfe garbage \x89PNG\r\n\x1a\n" * 50)
    box.deliver(b"")
    arrived = box.new()

    output = process_bounces(maildir)

    assert output.startswith(f"10 message(s) lu(s) dans {maildir}")
    assert "3 retour définitif enregistré" in output
    assert "2 échec temporaire ou retard, ignoré" in output
    assert "3 pas un avis de non-remise, ignoré" in output  # the reply, junk, an empty file
    assert "2 illisible, ignoré" in output
    for subscriber in (unknown, forwarded, exchange):
        assert status(subscriber) == SubscriberStatus.BOUNCED, subscriber.email
    for subscriber in (delayed, full, away):
        assert status(subscriber) == SubscriberStatus.ACTIVE, subscriber.email
    refused = Delivery.objects.get(subscriber=unknown)
    assert refused.status == DeliveryStatus.FAILED and refused.bounced_at
    assert refused.error == (
        f"Avis de non-remise : 5.1.1 550 5.1.1 <{unknown.email}>: Recipient address rejected: "
        "User unknown in virtual mailbox table"
    )
    assert "5.1.10" in Delivery.objects.get(subscriber=exchange).error
    # Processed messages left new/ for cur/, flagged seen: none is read twice.
    assert box.new() == [] and box.cur() == sorted(f"{name}:2,S" for name in arrived)
    assert process_bounces(maildir).startswith("0 message(s) lu(s)")

    # The editor sees the refusals on the issue's « Envoi » page.
    issue = refused.sending.issue
    page = admin_client.get(reverse("newsletter_sending", args=[issue.pk])).content.decode()
    assert unknown.email in page and "Avis de non-remise : 5.1.1" in page


def test_the_same_bounce_delivered_twice_counts_once(
    newsletter_index, admin_client, maildir, settings
):
    settings.NEWSLETTER_BOUNCE_LIMIT = 2
    (subscriber,) = send_issue(newsletter_index, admin_client.user, 1, number=11)
    box = Mailbox(maildir)
    box.deliver_sample("postfix-user-unknown.eml", subscriber)
    box.deliver_sample("postfix-user-unknown.eml", subscriber)  # the DSN delivered twice
    output = process_bounces(maildir)
    assert "1 retour définitif enregistré, 1 retour déjà enregistré" in output
    assert status(subscriber) == SubscriberStatus.ACTIVE  # one bounce of the two allowed

    # The next issue bounces too: the address is given up.
    issue = NewsletterIssuePageFactory(parent=newsletter_index, number=12)
    issue.save_revision().publish()
    sending.send_test(issue, admin_client.user)
    sending.queue(issue, admin_client.user)
    sending.run(rate=6000, max_seconds=50)
    box.deliver_sample("exim-forwarded-address-unknown.eml", subscriber)
    process_bounces(maildir)
    assert status(subscriber) == SubscriberStatus.BOUNCED


def test_without_verp_the_returned_headers_or_the_address_name_the_copy(
    newsletter_index, admin_client, maildir, settings
):
    settings.NEWSLETTER_BOUNCE_ADDRESS = ""  # bounces come back to the From address
    forwarded, exchange = send_issue(newsletter_index, admin_client.user, 2)
    box = Mailbox(maildir)
    box.deliver_sample("exim-forwarded-address-unknown.eml", forwarded, verp=False)
    box.deliver_sample("exchange-recipient-not-found.eml", exchange, verp=False)
    assert "2 retour définitif enregistré" in process_bounces(maildir)
    assert status(forwarded) == status(exchange) == SubscriberStatus.BOUNCED


def test_a_made_up_bounce_cannot_give_up_someone_s_address(newsletter_index, admin_client, maildir):
    (subscriber,) = send_issue(newsletter_index, admin_client.user, 1)
    delivery = Delivery.objects.get(subscriber=subscriber)
    forged = f"lettre-retours+d{delivery.pk}-0123456789@reseau-reci.example"
    text = (SAMPLES / "postfix-user-unknown.eml").read_text(encoding="utf-8")
    text = text.replace("@@VERP@@", forged).replace("@@TOKEN@@", f"d{delivery.pk}-0123456789")
    Mailbox(maildir).deliver(text.replace("@@ADDRESS@@", subscriber.email).encode())
    assert "1 envoi introuvable, ignoré" in process_bounces(maildir)
    assert status(subscriber) == SubscriberStatus.ACTIVE


def test_a_refusal_during_the_smtp_conversation_counts_towards_the_same_limit(
    newsletter_index, admin_client, mail_server, settings
):
    settings.NEWSLETTER_BOUNCE_LIMIT = 2
    gone = SubscriberFactory(email="inconnu@exemple.fr")
    mail_server.refuse = {gone.email: "550 5.1.1 <inconnu@exemple.fr>: utilisateur inconnu"}
    for number in (11, 12):
        issue = NewsletterIssuePageFactory(parent=newsletter_index, number=number)
        issue.save_revision().publish()
        sending.send_test(issue, admin_client.user)
        sending.queue(issue, admin_client.user)
        sending.run(rate=6000, max_seconds=50)
        expected = SubscriberStatus.ACTIVE if number == 11 else SubscriberStatus.BOUNCED
        assert status(gone) == expected
    assert Delivery.objects.filter(subscriber=gone, bounced_at__isnull=False).count() == 2


def test_the_command_without_a_mailbox_or_with_a_wrong_one(tmp_path, settings):
    settings.NEWSLETTER_BOUNCE_MAILBOX = ""
    out = io.StringIO()
    call_command("process_bounces", stdout=out)
    assert "Aucune boîte de retours configurée" in out.getvalue()
    with pytest.raises(CommandError, match="n'est pas un dossier Maildir"):
        call_command("process_bounces", mailbox=str(tmp_path), stdout=io.StringIO())


def test_a_database_failure_leaves_the_message_for_the_next_run(
    newsletter_index, admin_client, maildir
):
    (subscriber,) = send_issue(newsletter_index, admin_client.user, 1)
    box = Mailbox(maildir)
    name = box.deliver_sample("postfix-user-unknown.eml", subscriber)

    def refuse_writes(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("UPDATE") and "newsletter_delivery" in sql:
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_writes), pytest.raises(CommandError, match="restent"):
        process_bounces(maildir)
    assert box.new() == [name]
    assert "1 retour définitif enregistré" in process_bounces(maildir)
    assert status(subscriber) == SubscriberStatus.BOUNCED


@pytest.fixture
def imap_server():
    """A real IMAP server: Debian's Dovecot, started for the test (`imap_server.py`)."""
    binary = dovecot_path()
    if binary is None:
        pytest.skip("Dovecot is not installed: site/mail/dovecot.sh install (as root)")
    server = ThrowawayDovecot(binary)
    server.start()
    yield server
    server.stop()


def rendered(sample: str, subscriber) -> bytes:
    delivery = Delivery.objects.filter(subscriber=subscriber).latest("pk")
    token = delivery_token(delivery.pk)
    local, _, domain = BOUNCE_ADDRESS.partition("@")
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    text = text.replace("@@VERP@@", f"{local}+{token}@{domain}").replace("@@TOKEN@@", token)
    return text.replace("@@ADDRESS@@", subscriber.email).replace("\n", "\r\n").encode()


def test_bounces_are_read_from_an_imap_folder_once(
    newsletter_index, admin_client, imap_server, settings
):
    unknown, delayed = send_issue(newsletter_index, admin_client.user, 2)
    imap = imaplib.IMAP4("127.0.0.1", imap_server.port)
    imap.login("retours", "secret")
    imap.create("Retours")
    for message in (
        rendered("postfix-user-unknown.eml", unknown),
        rendered("postfix-delayed.eml", delayed),
        rendered("out-of-office.eml", delayed),
        rendered("truncated-report.eml", delayed),
    ):
        answer = imap.append("Retours", None, None, message)
        assert answer[0] == "OK", answer
    settings.NEWSLETTER_BOUNCE_MAILBOX = imap_server.url("retours", folder="Retours")

    out = io.StringIO()
    call_command("process_bounces", stdout=out)

    output = out.getvalue()
    assert output.startswith(
        f"4 message(s) lu(s) dans imap://retours@127.0.0.1:{imap_server.port}/Retours : "
        "1 retour définitif enregistré, 1 échec temporaire ou retard, ignoré, "
        "1 pas un avis de non-remise, ignoré, 1 illisible, ignoré."
    )
    assert "secret" not in output
    assert status(unknown) == SubscriberStatus.BOUNCED
    assert status(delayed) == SubscriberStatus.ACTIVE
    imap.select("Retours")
    assert imap.search(None, "UNSEEN")[1] == [b""]  # each flagged seen, none deleted
    assert imap.search(None, "SEEN")[1] == [b"1 2 3 4"]
    imap.logout()
    again = io.StringIO()
    call_command("process_bounces", stdout=again)
    assert again.getvalue().startswith("0 message(s) lu(s)")


def test_a_wrong_imap_password_is_an_error_that_does_not_show_it(imap_server, settings):
    settings.NEWSLETTER_BOUNCE_MAILBOX = imap_server.url("retours", password="mauvais-secret")
    with pytest.raises(CommandError) as error:
        call_command("process_bounces", stdout=io.StringIO())
    assert "connexion impossible" in str(error.value)
    assert "mauvais-secret" not in str(error.value)
