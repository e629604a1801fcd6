"""Bounces: permanent refusals of the newsletter's copies, recorded against the subscriber.

A refusal comes back in one of two ways:
- at once, from the mail server the site sends through (SMTP 5xx, `newsletter/sending.py`);
- later, by mail: a delivery status notification (RFC 3464, `newsletter/dsn.py`) that a mail
  server sends to the envelope sender once it gives up, read from `NEWSLETTER_BOUNCE_MAILBOX`
  by `manage.py process_bounces` (`newsletter/mailboxes.py`).

Both go through `record_hard_bounce`: the delivery is marked failed with the server's answer
and the time of the bounce; once `NEWSLETTER_BOUNCE_LIMIT` of a subscriber's deliveries have
bounced, the address is « adresse refusée » and gets no more issues. Temporary failures (a
4.x.x status, `Action: delayed`) are not bounces, nor are messages that are no DSN (auto-replies).

Which delivery a DSN is about: each copy names its `Delivery` with a signed token
(`d<id>-<signature>`), in the envelope sender when `NEWSLETTER_BOUNCE_ADDRESS` is set (VERP:
`lettre-retours+d12-…@domain`, the address the DSN is sent to), and in an
`X-Newsletter-Delivery` header that DSNs quote back with the returned message's headers. The
signature (HMAC with `SECRET_KEY`) keeps anyone from making up a bounce for someone else's
address. Without VERP, a DSN that quotes no token is matched by its recipient address (the
subscriber's latest delivery); with VERP every genuine DSN names its copy, and one that does
not is ignored.
"""

import enum
import hashlib
import hmac
import logging
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import dsn
from .choices import DeliveryStatus, SubscriberStatus
from .models import Delivery, Subscriber

logger = logging.getLogger(__name__)
TOKEN = re.compile(r"(?<![0-9a-z])d(?P<pk>[0-9]{1,18})-(?P<signature>[0-9a-f]{10})(?![0-9a-z])")
TOKEN_HEADER = "X-Newsletter-Delivery"


class Outcome(enum.Enum):
    """What became of one message of the bounce mailbox (French, for the command's report)."""

    BOUNCED = "retour définitif enregistré"
    ALREADY = "retour déjà enregistré"
    TEMPORARY = "échec temporaire ou retard, ignoré"
    UNKNOWN = "envoi introuvable, ignoré"
    NOT_A_REPORT = "pas un avis de non-remise, ignoré"
    UNREADABLE = "illisible, ignoré"


def _signature(pk: int) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"newsletter.bounce:{pk}".encode(), hashlib.sha256).hexdigest()[:10]


def delivery_token(pk: int) -> str:
    """`d12-0a1b2c3d4e`: lower case and digits only, as mail servers may lower-case addresses."""
    return f"d{pk}-{_signature(pk)}"


def token_delivery_id(text: str) -> int | None:
    """The delivery a correctly signed token in `text` names, or None."""
    for match in TOKEN.finditer(text.lower()):
        pk = int(match["pk"])
        if hmac.compare_digest(match["signature"], _signature(pk)):
            return pk
    return None


def envelope_sender(delivery_id: int | None) -> str | None:
    """The VERP envelope sender of a copy (`local+<token>@domain`), or None when
    `NEWSLETTER_BOUNCE_ADDRESS` is not set (or for a copy with no delivery: a test send)."""
    address = settings.NEWSLETTER_BOUNCE_ADDRESS
    if not address or delivery_id is None or "@" not in address:
        return None
    local, _, domain = address.rpartition("@")
    return f"{local}+{delivery_token(delivery_id)}@{domain}"


def _apply_limit(subscriber_id: int | None) -> None:
    if subscriber_id is None:
        return
    bounced = Delivery.objects.filter(subscriber_id=subscriber_id, bounced_at__isnull=False)
    if bounced.count() >= settings.NEWSLETTER_BOUNCE_LIMIT:
        Subscriber.objects.filter(pk=subscriber_id, status=SubscriberStatus.ACTIVE).update(
            status=SubscriberStatus.BOUNCED
        )


def record_hard_bounce(delivery: Delivery, answer: str) -> bool:
    """Mark `delivery` refused for good, with `answer`; give the address up past the limit.
    False when it was recorded already (the same DSN read twice)."""
    with transaction.atomic():
        updated = Delivery.objects.filter(pk=delivery.pk, bounced_at__isnull=True).update(
            status=DeliveryStatus.FAILED, error=answer[:500], bounced_at=timezone.now()
        )
        if updated:
            _apply_limit(delivery.subscriber_id)
    return bool(updated)


def _delivery_for(report: dsn.DeliveryReport, failure: dsn.RecipientStatus) -> Delivery | None:
    for place in report.token_places:
        pk = token_delivery_id(place)
        if pk is not None:
            return Delivery.objects.filter(pk=pk).first()
    if settings.NEWSLETTER_BOUNCE_ADDRESS:
        return None  # with VERP, a DSN of ours names its copy
    for address in (failure.original_recipient, failure.final_recipient):
        subscriber = Subscriber.objects.filter(email__iexact=address).first() if address else None
        if subscriber is not None:
            return (
                subscriber.deliveries.filter(
                    status__in=[
                        DeliveryStatus.SENT,
                        DeliveryStatus.UNCERTAIN,
                        DeliveryStatus.FAILED,
                    ]
                )
                .order_by("-sent_at", "-pk")
                .first()
            )
    return None


def process(raw: bytes) -> Outcome:
    """Record what one message of the bounce mailbox says. Never raises on a message, however
    malformed (database errors do raise: the message is left for the next run)."""
    try:
        report = dsn.read(raw)
    except Exception:  # whatever a broken message makes the email package raise
        logger.info("Newsletter bounces: unreadable message", exc_info=True)
        return Outcome.UNREADABLE
    if report is None:
        return Outcome.NOT_A_REPORT
    failures = [r for r in report.recipients if r.is_permanent_failure]
    if not failures:
        return Outcome.TEMPORARY
    outcomes = set()
    for failure in failures:
        delivery = _delivery_for(report, failure)
        if delivery is None or delivery.subscriber_id is None:
            continue  # not one of our copies, or the address was deleted since
        answer = f"Avis de non-remise : {failure.status} {failure.diagnostic}".strip()
        recorded = record_hard_bounce(delivery, answer)
        outcomes.add(Outcome.BOUNCED if recorded else Outcome.ALREADY)
    for outcome in (Outcome.BOUNCED, Outcome.ALREADY):
        if outcome in outcomes:
            return outcome
    return Outcome.UNKNOWN
