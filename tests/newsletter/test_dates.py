"""The newsletter writes its dates as the public pages do (`long_date`): « 1er octobre 2016 »,
the first of a month as an ordinal, never split across two lines, in French whatever the
language of the editor who previews or tests it."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from newsletter import sending
from newsletter.compose import render_issue
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsletterIssuePageFactory,
    PressItemFactory,
)

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"


def unbroken(text: str) -> str:
    return text.replace(" ", NBSP)


@pytest.fixture
def issue(newsletter_index):
    events = EventIndexPageFactory(parent=newsletter_index.get_parent())
    one_day = EventPageFactory(
        parent=events, title="Journée du 1er", date=datetime.date(2016, 10, 1), place="Metz"
    )
    two_days = EventPageFactory(
        parent=events,
        title="Colloque de novembre",
        date=datetime.date(2016, 11, 1),
        end_date=datetime.date(2016, 12, 1),
    )
    press = PressItemFactory(source="Le Monde", date=datetime.date(2016, 10, 1))
    page = NewsletterIssuePageFactory(
        parent=newsletter_index,
        number=12,
        slug="lettre-12",
        date=datetime.date(2016, 12, 1),
        period_start=datetime.date(2016, 7, 1),
        period_end=datetime.date(2016, 11, 30),
        content=[
            ("pages", {"kind": "agenda", "title": "Agenda", "pages": [one_day, two_days]}),
            ("press", {"title": "Veille", "items": [press]}),
        ],
    )
    page.save_revision().publish()
    return page


DETAILS = [
    unbroken("samedi 1er octobre 2016") + ", Metz",
    f"du {unbroken('1er novembre')} au {unbroken('1er décembre 2016')}",
    f"Le Monde, {unbroken('1er octobre 2016')}",
]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_email_writes_the_first_of_the_month_as_french_does(issue, language):
    with translation.override(language):  # an editor's admin in English: still French
        html, text = render_issue(issue, None)
    soup = BeautifulSoup(html, "html.parser")
    details = [p.get_text() for p in soup.select("h2 + table a + p")]
    assert details == DETAILS
    for detail in DETAILS:
        assert f"\n  {detail}\n" in text
    assert " 1 octobre" not in text and " 1 novembre" not in text


def test_the_issue_page_and_the_api_write_the_dates_as_the_email(client, issue):
    html = client.get("/lettres/lettre-12/").content.decode()
    meta = BeautifulSoup(html, "html.parser").select_one("article header .meta").get_text()
    assert meta == (
        f"{unbroken('1er décembre 2016')} · période du {unbroken('1er juillet 2016')} "
        f"au {unbroken('30 novembre 2016')}"
    )
    details = [p.get_text() for p in BeautifulSoup(html, "html.parser").select("li .meta")]
    assert details == DETAILS
    item = client.get(f"/api/v2/pages/{issue.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [i["detail"] for group in item["groups"] for i in group["items"]] == DETAILS
    assert item["date"] == "2016-12-01"  # the data itself stays ISO


def test_the_sending_page_dates_the_test_as_the_public_pages(issue, admin_client):
    with time_machine.travel(datetime.datetime(2016, 12, 1, 9, 5, tzinfo=datetime.UTC)):
        sending.send_test(issue, admin_client.user)
    page = admin_client.get(reverse("newsletter_sending", args=[issue.pk])).content.decode()
    assert f"Dernier envoi de test : {unbroken('1er décembre 2016 à 10:05')} par" in page
