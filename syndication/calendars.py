"""The agenda as iCalendar (RFC 5545): one file per event, and a feed of the upcoming events.

Times are Paris time, written with their time zone (`TZID=Europe/Paris` and its VTIMEZONE), so
that a calendar abroad shows them right across the daylight-saving change. An event without
a start time is a whole-day event. The UID is the event page's id and the site's host: it stays
the same when the event is edited, so calendars update the event rather than duplicate it.
"""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from icalendar import Calendar, Event
from wagtail.models import Locale

from publications.models import EventPage

PARIS = ZoneInfo("Europe/Paris")
PRODID = "-//Réseau RECI//Agenda//FR"


def event_uid(page: EventPage) -> str:
    host = urlsplit(settings.PUBLIC_BASE_URL).hostname or "reseau-reci"
    return f"evenement-{page.pk}@{host}"


def event_component(page: EventPage, request: HttpRequest | None = None) -> Event:
    event = Event()
    event.add("uid", event_uid(page))
    stamp = page.last_published_at or page.latest_revision_created_at or timezone.now()
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("summary", page.title)
    last_day = page.end_date or page.date
    if page.start_time:
        event.add("dtstart", datetime.datetime.combine(page.date, page.start_time, PARIS))
        if page.end_time:
            event.add("dtend", datetime.datetime.combine(last_day, page.end_time, PARIS))
    else:
        event.add("dtstart", page.date)
        event.add("dtend", last_day + datetime.timedelta(days=1))  # DTEND is exclusive
    if page.summary:
        event.add("description", page.summary)
    location = page.place or page.online_url
    if location:
        event.add("location", location)
    url = page.get_full_url(request)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if page.is_cancelled else "CONFIRMED")
    themes = [theme.name for theme in page.themes.all()]
    if themes:
        event.add("categories", themes)
    return event


def build_calendar(pages: list[EventPage], name: str, request: HttpRequest | None = None) -> bytes:
    """An iCalendar file of `pages`, with the VTIMEZONE of every time zone its times use."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    for page in pages:
        calendar.add_component(event_component(page, request))
    if pages:
        # The time zone's rules around these events only: a shorter file than since 1970.
        first = min(page.date for page in pages) - datetime.timedelta(days=366)
        last = max(page.end_date or page.date for page in pages) + datetime.timedelta(days=732)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def public_events():
    return (
        EventPage.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .prefetch_related("themes")
    )


def upcoming_events(today: datetime.date | None = None) -> list[EventPage]:
    """Events not over yet (cancelled ones too, so that calendars learn of it), soonest first."""
    today = today or timezone.localdate()
    events = public_events().filter(date__gte=today) | public_events().filter(end_date__gte=today)
    return list(events.order_by("date", "start_time", "pk"))
