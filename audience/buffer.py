"""Counts written in batches: a page view costs an append to a list, not a database write.

The buffer is per process; it is written when it holds `AUDIENCE_BATCH_SIZE` events or its
oldest is `AUDIENCE_FLUSH_SECONDS` old (checked on each count), and when the process exits. A
write that fails (database locked or full) loses those counts and is logged: counting never
breaks or slows a response.
"""

import atexit
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connection

from .models import Event

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_pending: list[Event] = []
_oldest: float | None = None


def add(event: Event) -> None:
    global _oldest
    with _lock:
        _pending.append(event)
        if _oldest is None:
            _oldest = time.monotonic()
        due = (
            len(_pending) >= settings.AUDIENCE_BATCH_SIZE
            or time.monotonic() - _oldest >= settings.AUDIENCE_FLUSH_SECONDS
        )
    if due:
        flush()


def flush() -> int:
    """Write the pending counts now; returns how many were written (0 if it failed)."""
    global _oldest
    with _lock:
        events = list(_pending)
        _pending.clear()
        _oldest = None
    if not events:
        return 0
    try:
        if connection.in_atomic_block:
            # Inside a request's transaction (ATOMIC_REQUESTS, tests): a savepoint, so that a
            # failure here never breaks the transaction of the response.
            from django.db import transaction

            with transaction.atomic():
                Event.objects.bulk_create(events)
        else:
            Event.objects.bulk_create(events)
    except DatabaseError:
        logger.warning("Audience counts lost: %d event(s) not written", len(events), exc_info=True)
        return 0
    return len(events)


def pending() -> int:
    return len(_pending)


atexit.register(lambda: flush() if _pending else None)
