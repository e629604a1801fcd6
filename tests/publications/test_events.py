import datetime

import pytest

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
