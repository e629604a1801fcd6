"""A webhook is sent to the address that was checked, and IPv6 forms of internal addresses
are refused (server-side request forgery through DNS rebinding or address tricks)."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from tests.factories.webhooks import WebhookFactory
from webhooks import urls_check
from webhooks.choices import DeliveryStatus
from webhooks.delivery import attempt, claim
from webhooks.models import WebhookDelivery
from webhooks.urls_check import UnsafeURLError, check_url, is_public_address

# 127.0.0.2 plays a public receiver here (no other address is reachable from the tests);
# 127.0.0.1 plays the internal service an attacker aims at.
PUBLIC_STAND_IN = "127.0.0.2"


@pytest.fixture
def server():
    """Start HTTP servers on given loopback addresses; each records the Host headers it got."""
    started = []

    def start(host: str, port: int = 0):
        hits: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                hits.append(self.headers["Host"])
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        httpd = ThreadingHTTPServer((host, port), Handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        started.append(httpd)
        return httpd.server_port, hits

    yield start
    for httpd in started:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def rebinding_dns(monkeypatch):
    """`hooks.example.org` answers the public stand-in once, then the internal address."""
    answers = [PUBLIC_STAND_IN]
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host != "hooks.example.org":
            return real_getaddrinfo(host, port, *args, **kwargs)
        address = answers.pop(0) if answers else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    real_check = urls_check.is_public_address
    monkeypatch.setattr(
        urls_check,
        "is_public_address",
        lambda address: address == PUBLIC_STAND_IN or real_check(address),
    )


@pytest.mark.django_db
def test_the_delivery_goes_to_the_checked_address_not_a_second_answer(
    settings, server, rebinding_dns
):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    port, public_hits = server(PUBLIC_STAND_IN)
    _, internal_hits = server("127.0.0.1", port)
    webhook = WebhookFactory(url=f"http://hooks.example.org:{port}/hook")
    delivery = WebhookDelivery.objects.create(
        webhook=webhook,
        event="publish",
        kind="page",
        object_id=1,
        payload={"event": "publish"},
        next_attempt=timezone.now(),
    )

    assert attempt(claim(delivery.pk))

    assert public_hits == [f"hooks.example.org:{port}"]  # the URL's name, as sent by a browser
    assert internal_hits == []
    delivery.refresh_from_db()
    assert (delivery.status, delivery.status_code) == (DeliveryStatus.DELIVERED, 204)


@pytest.mark.parametrize(
    "address",
    [
        "::7f00:1",  # IPv4-compatible ::127.0.0.1
        "::ffff:127.0.0.1",  # IPv4-mapped
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254 (cloud metadata)
        "64:ff9b:1::a00:1",  # local-use NAT64 of 10.0.0.1
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1
        "::1",
        "fe80::1",
        "fc00::1",
    ],
)
def test_ipv6_forms_of_internal_addresses_are_not_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["2a00:1450:4007:80e::200e", "64:ff9b::808:808", "8.8.8.8"])
def test_public_addresses_stay_public(address):
    assert is_public_address(address)


def test_a_name_resolving_to_an_ipv6_loopback_form_is_refused(settings, monkeypatch):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::7f00:1", port, 0, 0))
        ],
    )
    with pytest.raises(UnsafeURLError, match="réseau interne"):
        check_url("https://hooks.example.org/hook")
