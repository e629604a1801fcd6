"""Sending webhook deliveries: signed JSON POSTs, in a background thread, with retries.

Request sent to each webhook's URL:

    POST <url>
    Content-Type: application/json
    User-Agent: ReseauRECI-Webhooks/1
    X-Reci-Event: publish | unpublish | delete
    X-Reci-Delivery: <delivery id>  (the same on every retry: use it to ignore duplicates)
    X-Reci-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook's secret>

    {"event": "publish", "occurred_at": "2026-12-02T21:30:00+00:00",
     "object": {"kind": "page", "id": 42, "type": "publications.NotePage", "title": "…",
                "private": false, "url": "https://…/publications/…/",
                "api_url": "https://…/api/v2/pages/42/"}}

A page under a view restriction (itself or an ancestor) is sent with `"private": true` and
`null` title and URL: receivers live outside the site and must not learn what it holds.

A 2xx answer within `WEBHOOKS_TIMEOUT` seconds counts as delivered; anything else (an error
status, a timeout, a refused connection, a redirect) leaves the delivery pending with
`next_attempt` pushed back exponentially (`WEBHOOKS_RETRY_BASE` × 2^(attempts−1) seconds),
until `WEBHOOKS_MAX_ATTEMPTS`, when it is marked failed. The first attempt runs in a daemon
thread started after the publishing transaction commits, never in the editor's request; the
`deliver_webhooks` command (a systemd timer, every minute) sends whatever is due.
"""

import datetime
import functools
import hashlib
import hmac
import http.client
import json
import logging
import socket
import ssl
import threading
import urllib.error
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from .choices import DeliveryStatus
from .models import WebhookDelivery
from .urls_check import UnsafeURLError, check_url

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Reci-Signature"
EVENT_HEADER = "X-Reci-Event"
DELIVERY_HEADER = "X-Reci-Delivery"
USER_AGENT = "ReseauRECI-Webhooks/1"
EXCERPT_LENGTH = 500

_threads: set[threading.Thread] = set()
_threads_lock = threading.Lock()
# SQLite takes one writer at a time, and its shared-cache in-memory databases (the test suite's)
# answer a second writer with "table is locked" at once instead of waiting: there, background
# threads send one after another. PostgreSQL lets them run side by side.
_sqlite_writer = threading.Lock()


def encode(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def sign(secret: str, body: bytes) -> str:
    """The signature header's value; a receiver recomputes it over the raw body it got."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    """What a receiver does (in Python): constant-time comparison of the signatures."""
    return hmac.compare_digest(sign(secret, body), signature)


def retry_delay(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.WEBHOOKS_RETRY_BASE * 2 ** max(attempts - 1, 0))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect could lead to an internal address: treat it as a failed delivery."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to a given address, whatever the URL's host name resolves to now."""

    def __init__(self, *args, address: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection(
            (self.address, self.port), self.timeout, self.source_address
        )


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Same, over TLS: the certificate is still checked against the URL's host name."""

    def __init__(self, *args, address: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection(
            (self.address, self.port), self.timeout, self.source_address
        )
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, address: str) -> None:
        super().__init__()
        self.address = address

    def http_open(self, req):
        return self.do_open(functools.partial(_PinnedHTTPConnection, address=self.address), req)


class _PinnedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, address: str) -> None:
        super().__init__(context=ssl.create_default_context())
        self.address = address

    def https_open(self, req):
        return self.do_open(
            functools.partial(_PinnedHTTPSConnection, address=self.address),
            req,
            context=self._context,
        )


def _opener(address: str | None) -> urllib.request.OpenerDirector:
    """No redirects; with an address, no proxy and every connection made to that address."""
    if address is None:
        return urllib.request.build_opener(_NoRedirect)
    return urllib.request.build_opener(
        _NoRedirect,
        urllib.request.ProxyHandler({}),
        _PinnedHTTPHandler(address),
        _PinnedHTTPSHandler(address),
    )


def post(
    url: str, body: bytes, headers: dict[str, str], address: str | None = None
) -> tuple[int, str]:
    """POST and return (status, start of the body); HTTP error statuses are returned too.

    `address`: the IP address to connect to, checked by `check_url` (DNS rebinding).
    """
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener(address).open(request, timeout=settings.WEBHOOKS_TIMEOUT) as response:
            return response.status, response.read(EXCERPT_LENGTH).decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(EXCERPT_LENGTH).decode(errors="replace")


def claim(delivery_id: int) -> WebhookDelivery | None:
    """Take a due delivery for this worker, so a thread and the command never both send it."""
    now = timezone.now()
    lease = now + datetime.timedelta(seconds=settings.WEBHOOKS_TIMEOUT * 2 + 5)
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt__lte=now
    ).update(next_attempt=lease)
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)


def attempt(delivery: WebhookDelivery) -> bool:
    """Send one claimed delivery once and record the outcome; True when delivered."""
    webhook = delivery.webhook
    body = encode(delivery.payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
        SIGNATURE_HEADER: sign(webhook.secret, body),
    }
    status_code, excerpt, error = None, "", ""
    try:
        address = check_url(webhook.url)
        status_code, excerpt = post(webhook.url, body, headers, address)
    except UnsafeURLError as exc:
        error = str(exc)
    except (OSError, ValueError) as exc:  # URLError, timeouts, refused connections
        error = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
    delivery.attempts += 1
    delivery.status_code = status_code
    delivery.response_excerpt = excerpt
    now = timezone.now()
    if status_code is not None and 200 <= status_code < 300:
        delivery.status, delivery.error = DeliveryStatus.DELIVERED, ""
        delivery.delivered_at, delivery.next_attempt = now, None
    else:
        delivery.error = error or f"Réponse HTTP {status_code}"
        if delivery.attempts >= settings.WEBHOOKS_MAX_ATTEMPTS:
            delivery.status, delivery.next_attempt = DeliveryStatus.FAILED, None
        else:
            delivery.next_attempt = now + retry_delay(delivery.attempts)
        logger.warning("Webhook delivery %s failed: %s", delivery.pk, delivery.error)
    delivery.save(
        update_fields=[
            "attempts",
            "status",
            "status_code",
            "response_excerpt",
            "error",
            "next_attempt",
            "delivered_at",
        ]
    )
    return delivery.status == DeliveryStatus.DELIVERED


def deliver(delivery_ids: Iterable[int]) -> tuple[int, int]:
    """Attempt each due delivery among `delivery_ids`; return (delivered, failed) counts."""
    delivered = failed = 0
    for delivery_id in delivery_ids:
        delivery = claim(delivery_id)
        if delivery is None:
            continue
        if attempt(delivery):
            delivered += 1
        else:
            failed += 1
    return delivered, failed


def due_ids() -> list[int]:
    return list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt__lte=timezone.now()
        )
        .order_by("next_attempt", "pk")
        .values_list("pk", flat=True)
    )


def _run_in_background(delivery_ids: list[int]) -> None:
    try:
        if connections[WebhookDelivery.objects.db].vendor == "sqlite":
            with _sqlite_writer:
                deliver(delivery_ids)
        else:
            deliver(delivery_ids)
    except Exception:
        logger.exception("Webhook deliveries %s: the background attempt failed", delivery_ids)
    finally:
        connections.close_all()
        with _threads_lock:
            _threads.discard(threading.current_thread())


def start_background(delivery_ids: list[int]) -> None:
    thread = threading.Thread(
        target=_run_in_background, args=(delivery_ids,), name="webhooks", daemon=True
    )
    with _threads_lock:
        _threads.add(thread)
    thread.start()


def deliver_after_commit(delivery_ids: list[int]) -> None:
    """Send these (just created) deliveries in a background thread once the change commits."""
    if delivery_ids:
        transaction.on_commit(lambda: start_background(delivery_ids))


def wait_for_background(timeout: float = 30) -> None:
    """Block until the background deliveries started so far are done (tests, the command)."""
    with _threads_lock:
        threads = list(_threads)
    for thread in threads:
        thread.join(timeout)
