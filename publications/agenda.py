"""When an event stands, relative to today: the rule behind « à venir », « passé », « annulé »."""

import datetime

from .choices import EventStatus


def event_status(
    start: datetime.date,
    end: datetime.date | None,
    is_cancelled: bool,
    today: datetime.date,
) -> EventStatus:
    """Cancelled wins; otherwise the dates decide (an event without end date lasts one day)."""
    if is_cancelled:
        return EventStatus.CANCELLED
    last_day = end or start
    if last_day < today:
        return EventStatus.PAST
    if start > today:
        return EventStatus.UPCOMING
    return EventStatus.ONGOING
