import datetime

import pytest
from django.utils import timezone

from publications.agenda import event_status
from publications.choices import EventStatus
from tests.factories import EventPageFactory

TODAY = datetime.date(2020, 6, 15)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    "start, end, cancelled, expected",
    [
        (TODAY + DAY, None, False, EventStatus.UPCOMING),
        (TODAY - DAY, None, False, EventStatus.PAST),
        (TODAY, None, False, EventStatus.ONGOING),
        (TODAY - DAY, TODAY + DAY, False, EventStatus.ONGOING),
        (TODAY - 3 * DAY, TODAY - DAY, False, EventStatus.PAST),
        (TODAY + DAY, None, True, EventStatus.CANCELLED),
    ],
)
def test_event_status_follows_dates_unless_cancelled(start, end, cancelled, expected):
    assert event_status(start, end, cancelled, TODAY) == expected


@pytest.mark.django_db
def test_event_page_shows_its_status(client, events_index):
    today = datetime.date.today()
    upcoming = EventPageFactory(
        parent=events_index,
        date=today + 30 * DAY,
        registration_url="https://example.org/inscription",
    )
    cancelled = EventPageFactory(parent=events_index, date=today + 30 * DAY, is_cancelled=True)
    html = client.get(upcoming.url).content.decode()
    assert "À venir" in html and "S'inscrire" in html
    html = client.get(cancelled.url).content.decode()
    assert "Annulé" in html and "S'inscrire" not in html
    listing = client.get(events_index.url).content.decode()
    assert "À venir" in listing and "Annulé" in listing


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start, end, offered",
    [
        (30 * DAY, None, True),  # upcoming
        (0 * DAY, None, True),  # today: not over before the evening
        (-2 * DAY, 2 * DAY, True),  # ongoing
        (-DAY, None, False),  # yesterday
        (-3 * DAY, -DAY, False),  # over since yesterday
    ],
)
def test_only_an_event_not_over_yet_offers_to_be_added_to_a_calendar(
    client, events_index, start, end, offered
):
    """« Ajouter à mon agenda » (the event's .ics) while the event is to come or under way;
    once its last day (its end date, else its date) is past, the page no longer offers it, and
    the API says « passé »."""
    today = timezone.localdate()
    event = EventPageFactory(
        parent=events_index, date=today + start, end_date=today + end if end else None
    )
    html = client.get(event.url).content.decode()
    assert ("Ajouter à mon agenda" in html) is offered
    assert (f'href="/calendrier/evenements/{event.pk}.ics"' in html) is offered
    assert event.is_over is not offered
    assert event.offers_calendar is offered
    api = client.get(f"/api/v2/pages/{event.pk}/").json()
    assert (api["status"] == EventStatus.PAST) is not offered


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start, end",
    [
        (30 * DAY, None),  # was to come
        (0 * DAY, None),  # was today
        (-2 * DAY, 2 * DAY),  # was under way
    ],
)
def test_a_cancelled_event_never_offers_to_be_added_to_a_calendar(client, events_index, start, end):
    """Cancelled, an event not over yet no longer offers « Ajouter à mon agenda »; its .ics
    stays, marked cancelled, for the calendars that already hold it, and the API says
    « annulé »."""
    today = timezone.localdate()
    event = EventPageFactory(
        parent=events_index,
        date=today + start,
        end_date=today + end if end else None,
        is_cancelled=True,
    )
    html = client.get(event.url).content.decode()
    assert "Annulé" in html
    assert "Ajouter à mon agenda" not in html
    assert f'href="/calendrier/evenements/{event.pk}.ics"' not in html
    assert not event.offers_calendar
    assert client.get(f"/calendrier/evenements/{event.pk}.ics").status_code == 200
    assert client.get(f"/api/v2/pages/{event.pk}/").json()["status"] == EventStatus.CANCELLED


def test_a_cancelled_event_no_longer_gives_its_connection_link(client, events_index):
    """Nobody should join a cancelled meeting: its « Lien de connexion » goes with it."""
    today = timezone.localdate()
    link = "https://visio.example.org/reunion-42"
    held = EventPageFactory(parent=events_index, date=today, online_url=link)
    cancelled = EventPageFactory(
        parent=events_index, date=today, online_url=link, is_cancelled=True
    )
    assert link in client.get(held.url).content.decode()
    assert link not in client.get(cancelled.url).content.decode()
