import asyncio
import socket

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.core.cache import cache

from tests.factories import NewsletterIndexPageFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits live in the cache: each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def newsletter_index(home_page):
    return NewsletterIndexPageFactory(parent=home_page)


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("delegue", "delegue@exemple.fr", "pw")
    client.force_login(user)
    client.user = user
    return client


class MailServer:
    """What a real SMTP server received, and how it should misbehave.

    `refuse` maps an address to the answer given to its RCPT (« 550 … », « 450 … »);
    `drop_at` makes the server receive the n-th message (1-based) and then close the connection
    before answering, as a mail server that crashed would.
    """

    def __init__(self) -> None:
        self.received: list[tuple[str, bytes]] = []
        self.envelope_senders: dict[str, str] = {}  # recipient → MAIL FROM
        self.refuse: dict[str, str] = {}
        self.drop_at: int | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            self.received.append((address, envelope.original_content))
            self.envelope_senders[address] = envelope.mail_from
        if self.drop_at is not None and len(self.received) == self.drop_at:
            server.transport.abort()
            await asyncio.sleep(0)
        return "250 Message accepted for delivery"

    def recipients(self) -> list[str]:
        return [address for address, _content in self.received]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mail_server(settings):
    """A local SMTP server (aiosmtpd) that the site sends to, as it would to its relay."""
    handler = MailServer()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield handler
    controller.stop()
