"""Reading delivery status notifications (RFC 3464), as Postfix, Exim and others send them.

A DSN is a `multipart/report; report-type=delivery-status` message: a human-readable part, a
`message/delivery-status` part (per-message fields, then one block per recipient with
`Final-Recipient`, `Action`, `Status`, `Diagnostic-Code`), and the returned message or its
headers (`message/rfc822`, `text/rfc822-headers`). `read()` gives what the newsletter needs
from it, and the strings where a delivery's token may be (`newsletter/bounces.py`): where the
DSN was addressed (VERP) and the returned message's headers. Anything that is not a DSN is
None; a malformed message raises `ValueError` (or anything the email package raises), which the
caller treats as unreadable.
"""

import email
import email.policy
from dataclasses import dataclass
from email.message import Message
from email.parser import HeaderParser

# Where a DSN says whom it was sent to: the envelope recipient, i.e. our VERP address.
ADDRESSED_TO = ("Delivered-To", "X-Original-To", "Envelope-To", "To")
# The returned message's headers that may carry a delivery's token.
RETURNED_HEADERS = ("Return-Path", "X-Newsletter-Delivery")
MAX_SIZE = 2_000_000  # a DSN quoting a whole issue is some 100 KB


@dataclass(frozen=True)
class RecipientStatus:
    """One recipient's block of the report."""

    final_recipient: str
    original_recipient: str
    action: str
    status: str
    diagnostic: str

    @property
    def is_permanent_failure(self) -> bool:
        """« failed » with a 5.x.x status: the address will not work. A 4.x.x failure (given up
        after retrying a full mailbox, a server down) or a delay is not."""
        return self.action == "failed" and self.status.startswith("5.")


@dataclass(frozen=True)
class DeliveryReport:
    recipients: tuple[RecipientStatus, ...]
    token_places: tuple[str, ...]


def _address(value: str | None) -> str:
    """`rfc822; Abonne@Exemple.fr` → `abonne@exemple.fr` (the type and brackets dropped)."""
    if not value:
        return ""
    _kind, _, address = str(value).rpartition(";")
    return address.strip().strip("<>").strip().lower()


def _one_line(value: str | None) -> str:
    return " ".join(str(value or "").split())


def _is_report(message: Message) -> bool:
    return (
        message.get_content_type() == "multipart/report"
        and (message.get_param("report-type") or "").lower() == "delivery-status"
    )


def _status_part(message: Message) -> Message | None:
    for part in message.walk():
        if part.get_content_type() == "message/delivery-status":
            return part
    return None


def _recipient_blocks(status_part: Message) -> list[Message]:
    blocks = status_part.get_payload()
    if not isinstance(blocks, list):
        # Not parsed into blocks (an encoded part, say): parse its text ourselves.
        text = status_part.get_payload(decode=True) or b""
        chunks = text.decode("utf-8", "replace").replace("\r\n", "\n").split("\n\n")
        blocks = [HeaderParser().parsestr(chunk) for chunk in chunks if chunk.strip()]
    return [block for block in blocks if block.get("Final-Recipient") or block.get("Action")]


def _returned_headers(message: Message) -> list[Message]:
    """The headers of the message that could not be delivered, as returned in the report."""
    found = []
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            found.extend(item for item in part.get_payload() if isinstance(item, Message))
        elif kind == "text/rfc822-headers":
            text = part.get_payload(decode=True) or b""
            found.append(HeaderParser().parsestr(text.decode("utf-8", "replace")))
    return found


def read(raw: bytes) -> DeliveryReport | None:
    """The report `raw` holds, or None when it is not a delivery status notification."""
    if len(raw) > MAX_SIZE:
        raise ValueError("message too large for a delivery status notification")
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    if not _is_report(message):
        return None
    status_part = _status_part(message)
    if status_part is None:
        raise ValueError("multipart/report without a message/delivery-status part")
    recipients = tuple(
        RecipientStatus(
            final_recipient=_address(block.get("Final-Recipient")),
            original_recipient=_address(block.get("Original-Recipient")),
            action=_one_line(block.get("Action")).lower(),
            status=_one_line(block.get("Status")).split(" ")[0],
            diagnostic=_one_line(block.get("Diagnostic-Code")).partition(";")[2].strip()
            or _one_line(block.get("Diagnostic-Code")),
        )
        for block in _recipient_blocks(status_part)
    )
    if not recipients:
        raise ValueError("delivery status notification without a recipient")
    places = [str(value) for name in ADDRESSED_TO for value in message.get_all(name, [])]
    for block in status_part.get_payload() if status_part.is_multipart() else []:
        places.extend(str(value) for value in block.get_all("X-Postfix-Sender", []))
    for headers in _returned_headers(message):
        places.extend(
            str(value) for name in RETURNED_HEADERS for value in headers.get_all(name, [])
        )
    return DeliveryReport(recipients, tuple(places))
