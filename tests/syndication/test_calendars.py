"""The agenda as iCalendar: one file per event, and the upcoming events."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from tests.factories import EventIndexPageFactory, EventPageFactory, ThemeFactory

PARIS = ZoneInfo("Europe/Paris")
UTC = datetime.UTC


@pytest.fixture
def agenda(home_page):
    return EventIndexPageFactory(parent=home_page)


def calendar(client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(cal: Calendar) -> list:
    return list(cal.walk("VEVENT"))


@pytest.mark.parametrize(
    ("date", "utc_hour"),
    [(datetime.date(2026, 1, 15), 13), (datetime.date(2026, 7, 9), 12)],
    ids=["winter", "summer"],
)
def test_an_event_at_two_pm_paris_time(client, agenda, date, utc_hour):
    page = EventPageFactory(
        parent=agenda,
        title="Journée régionale sur la laïcité",
        date=date,
        start_time=datetime.time(14, 0),
        end_time=datetime.time(17, 30),
        place="Hôtel de Région, Strasbourg",
        summary="Une journée d'échanges.",
    )
    page.themes.add(ThemeFactory(name="Laïcité"))
    page.save()
    cal = calendar(client, f"/calendrier/evenements/{page.pk}.ics")
    assert cal["version"] == "2.0"
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    (event,) = events(cal)
    start = event.decoded("dtstart")
    assert start.tzinfo.key == "Europe/Paris"
    assert (start.hour, start.minute) == (14, 0)
    assert start.astimezone(UTC).hour == utc_hour
    assert event.decoded("dtend") == datetime.datetime.combine(date, datetime.time(17, 30), PARIS)
    assert event["dtstart"].params["TZID"] == "Europe/Paris"
    assert str(event["summary"]) == "Journée régionale sur la laïcité"
    assert str(event["location"]) == "Hôtel de Région, Strasbourg"
    assert str(event["url"]) == page.full_url
    assert event.decoded("dtstamp").tzinfo is not None
    assert event["uid"] == f"evenement-{page.pk}@testserver"
    assert "Laïcité" in event.categories


def test_the_uid_stays_the_same_when_the_event_changes(client, agenda):
    page = EventPageFactory(parent=agenda, date=datetime.date(2026, 3, 5))
    url = f"/calendrier/evenements/{page.pk}.ics"
    (before,) = events(calendar(client, url))
    page.title = "Journée reportée"
    page.save_revision().publish()
    (after,) = events(calendar(client, url))
    assert after["uid"] == before["uid"]
    assert str(after["summary"]) == "Journée reportée"


def test_an_event_without_time_lasts_whole_days(client, agenda):
    page = EventPageFactory(
        parent=agenda, date=datetime.date(2026, 3, 5), end_date=datetime.date(2026, 3, 6)
    )
    (event,) = events(calendar(client, f"/calendrier/evenements/{page.pk}.ics"))
    assert event.decoded("dtstart") == datetime.date(2026, 3, 5)
    assert event.decoded("dtend") == datetime.date(2026, 3, 7)


def test_the_upcoming_events(client, agenda):
    today = timezone.localdate()
    past = EventPageFactory(parent=agenda, title="Passé", date=today - datetime.timedelta(30))
    ongoing = EventPageFactory(
        parent=agenda,
        title="En cours",
        date=today - datetime.timedelta(1),
        end_date=today + datetime.timedelta(1),
    )
    cancelled = EventPageFactory(
        parent=agenda, title="Annulé", date=today + datetime.timedelta(5), is_cancelled=True
    )
    upcoming = EventPageFactory(parent=agenda, title="À venir", date=today + datetime.timedelta(10))
    draft = EventPageFactory(
        parent=agenda, title="Brouillon", date=today + datetime.timedelta(3), live=False
    )
    private = EventPageFactory(parent=agenda, title="Privé", date=today + datetime.timedelta(3))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    cal = calendar(client, "/calendrier/agenda.ics")
    found = {str(event["summary"]): event for event in events(cal)}
    assert list(found) == ["En cours", "Annulé", "À venir"]
    assert found["Annulé"]["status"] == "CANCELLED"
    assert found["À venir"]["status"] == "CONFIRMED"
    # A past event keeps its own file; drafts and private events have none.
    assert client.get(f"/calendrier/evenements/{past.pk}.ics").status_code == 200
    assert client.get(f"/calendrier/evenements/{draft.pk}.ics").status_code == 404
    assert client.get(f"/calendrier/evenements/{private.pk}.ics").status_code == 404
    assert client.get(f"/calendrier/evenements/{ongoing.pk}.ics").status_code == 200
    assert client.get(f"/calendrier/evenements/{cancelled.pk}.ics").status_code == 200
    assert client.get(f"/calendrier/evenements/{upcoming.pk}.ics").status_code == 200
    assert client.get("/calendrier/evenements/999999.ics").status_code == 404
