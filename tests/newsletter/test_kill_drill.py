"""SIGKILL drill: `manage.py send_newsletters`, a real process sending through a real (local)
SMTP server, is killed while the server holds a message, then started again.

Every confirmed subscriber receives the issue exactly once: the one whose message was in flight
at the kill got it (the server had the whole message), and the restart does not send it again;
its delivery is recorded « interrompu, non renvoyé », and the « Envoi » page tells the editor
why. Both processes share the test's database: a copy of the in-memory SQLite database in a
file (copied back afterwards), or the PostgreSQL test database itself.
"""

import asyncio
import collections
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from newsletter import sending
from newsletter.choices import DeliveryStatus, SendingStatus, SubscriberStatus
from newsletter.models import Delivery, IssueSending
from tests.factories import (
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
)

from .conftest import _free_port

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 8
HELD = 4  # the server holds the 4th message until the sender is killed
RATE = 240  # messages a minute: one every 0.25 s


class HoldingServer:
    """Receives every message; the `HELD`-th is kept unanswered until `release` is set."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.received.extend(envelope.rcpt_tos)  # the whole message is here: it will arrive
        if len(self.received) == HELD and not self.release.is_set():
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    handler = HoldingServer()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield handler, controller.port
    handler.release.set()
    controller.stop()


class SharedDatabase:
    """The test's database, as another process reaches it."""

    def __init__(self, tmp_path: Path) -> None:
        self.file = tmp_path / "drill.sqlite3" if connection.vendor == "sqlite" else None

    def url(self) -> str:
        if self.file is not None:
            return f"sqlite:///{self.file}"
        parts = urlsplit(os.environ["DATABASE_URL"])
        return parts._replace(path="/" + connection.settings_dict["NAME"]).geturl()

    def hand_over(self) -> None:
        """What the test wrote, to the other processes (SQLite in memory: copied to a file)."""
        if self.file is not None:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)

    def take_back(self) -> None:
        """What the other processes wrote, back to the test's connection."""
        if self.file is not None:
            with sqlite3.connect(self.file) as source:
                source.backup(connection.connection)


def command(database: SharedDatabase, port: int) -> tuple[list[str], dict]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.newsletter.process_settings",
        "DATABASE_URL": database.url(),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "LOG_LEVEL": "ERROR",
    }
    args = [sys.executable, "manage.py", "send_newsletters", "--rate", str(RATE)]
    return [*args, "--max-seconds", "30"], env


def test_a_sender_killed_mid_message_then_restarted_sends_everyone_the_issue_once(
    home_page, smtp_server, tmp_path, client
):
    server, port = smtp_server
    editor = get_user_model().objects.create_superuser("delegue", "delegue@exemple.fr", "pw")
    issue = NewsletterIssuePageFactory(parent=NewsletterIndexPageFactory(parent=home_page))
    issue.save_revision().publish()
    subscribers = SubscriberFactory.create_batch(SUBSCRIBERS)
    SubscriberFactory(email="en-attente@exemple.fr", status=SubscriberStatus.PENDING)
    sending.send_test(issue, editor)  # to the test's outbox
    sending.queue(issue, editor)
    database = SharedDatabase(tmp_path)
    database.hand_over()
    args, env = command(database, port)

    started = time.monotonic()
    first = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert server.holding.wait(timeout=30), "the sender never reached the held message"
        first.send_signal(signal.SIGKILL)
        assert first.wait(timeout=10) == -signal.SIGKILL
    finally:
        if first.poll() is None:
            first.kill()
        first.stdout.close()
    server.release.set()
    assert len(server.received) == HELD

    second = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    elapsed = time.monotonic() - started

    assert second.returncode == 0, second.stderr[-2000:]
    assert f"{SUBSCRIBERS - HELD} envoyé(s)" in second.stdout
    assert "1 interrompu(s)" in second.stdout and "Envoi terminé" in second.stdout
    copies = collections.Counter(server.received)
    assert copies == collections.Counter({s.email: 1 for s in subscribers}), copies
    assert elapsed < 15, f"the drill took {elapsed:.1f} s"

    database.take_back()
    held_for = server.received[HELD - 1]
    deliveries = {d.subscriber.email: d for d in Delivery.objects.select_related("subscriber")}
    assert deliveries[held_for].status == DeliveryStatus.UNCERTAIN
    assert {d.status for e, d in deliveries.items() if e != held_for} == {DeliveryStatus.SENT}
    assert IssueSending.objects.get(issue=issue).status == SendingStatus.SENT
    client.force_login(editor)
    page = client.get(reverse("newsletter_sending", args=[issue.pk])).content.decode()
    page = page.replace("&#x27;", "'")
    assert "1 envoi interrompu : le programme d'envoi s'est arrêté" in page
    assert "pour que personne ne reçoive la lettre deux fois, il n'est pas renvoyé" in page
    assert held_for in page and "peut-être reçu, non renvoyé" in page
