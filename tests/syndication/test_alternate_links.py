"""What the public pages announce: feeds in `<head>`, « Ajouter à mon agenda » on events."""

import datetime
from datetime import UTC

import time_machine
from lxml import html

from bibliography.models import ThematicBibliographyPage
from publications.models import EventPage

from .conftest import section


def alternates(client, url: str) -> dict[str, str]:
    """`href → type` of the page's `<link rel="alternate">`."""
    response = client.get(url)
    assert response.status_code == 200, url
    tree = html.fromstring(response.content)
    return {
        link.get("href"): link.get("type") for link in tree.xpath('//head/link[@rel="alternate"]')
    }


def test_the_home_page_announces_the_general_feeds(client, demo_site):
    links = alternates(client, "/")
    assert links["/flux/rss/"] == "application/rss+xml"
    assert links["/flux/atom/"] == "application/atom+xml"


def test_a_section_announces_the_feeds_of_its_content_types(client, demo_site):
    links = alternates(client, section(demo_site, "publications").url)
    for kind in ("notes", "points-de-vue", "recueils"):
        assert links[f"/flux/{kind}/rss/"] == "application/rss+xml"
        assert links[f"/flux/{kind}/atom/"] == "application/atom+xml"
    news = alternates(client, section(demo_site, "actualites").url)
    assert {"/flux/actualites/rss/", "/flux/veille/rss/"} <= set(news)


def test_a_section_filtered_by_theme_announces_the_theme_feed(client, demo_site):
    url = section(demo_site, "publications").url
    assert alternates(client, f"{url}?theme=laicite")["/flux/themes/laicite/rss/"]
    assert "/flux/themes/laicite/rss/" not in alternates(client, url)
    assert not any("themes" in href for href in alternates(client, f"{url}?theme=inconnu"))


def test_a_bibliography_announces_its_novelties(client, demo_site):
    bibliography = ThematicBibliographyPage.objects.live().first()
    links = alternates(client, bibliography.url)
    assert links[f"/flux/bibliographies/{bibliography.pk}/rss/"] == "application/rss+xml"
    assert links[f"/flux/bibliographies/{bibliography.pk}/atom/"] == "application/atom+xml"


def test_the_agenda_and_its_events_offer_the_calendar(client, demo_site):
    assert alternates(client, section(demo_site, "agenda").url)["/calendrier/agenda.ics"] == (
        "text/calendar"
    )
    event = EventPage.objects.live().order_by("date").first()
    # The demo's events are all over, and past events no longer offer it: on the day of this one.
    with time_machine.travel(datetime.datetime.combine(event.date, datetime.time(12), UTC)):
        tree = html.fromstring(client.get(event.url).content)
    (link,) = tree.xpath('//a[text()="Ajouter à mon agenda"]')
    assert link.get("type") == "text/calendar"
    assert link.get("href") == f"/calendrier/evenements/{event.pk}.ics"
    assert client.get(link.get("href")).status_code == 200
