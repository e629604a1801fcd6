"""Feeds, sitemap and calendars are kept in the cache, and a publication shows at once."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from tests.factories import EventPageFactory, NewsPageFactory

from .conftest import section

URLS = ("/flux/rss/", "/flux/actualites/atom/", "/sitemap.xml", "/calendrier/agenda.ics")


@pytest.fixture
def sections(site_skeleton, syndication_cache):
    return section(site_skeleton, "actualites"), section(site_skeleton, "agenda")


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def rename_silently(page: Page, title: str) -> None:
    """A change nothing announces: only a fresh rendering would show it."""
    Page.objects.filter(pk=page.pk).update(title=title, draft_title=title)


def test_responses_are_kept(client, sections):
    news_section, agenda = sections
    news = NewsPageFactory(parent=news_section, title="Colloque", slug="colloque")
    event = EventPageFactory(
        parent=agenda, title="Séminaire", date=timezone.localdate() + datetime.timedelta(7)
    )
    kept = {url: text(client, url) for url in URLS}
    rename_silently(news, "Colloque renommé")
    rename_silently(event, "Séminaire renommé")
    for url in URLS:
        assert text(client, url) == kept[url]
    calendar_url = f"/calendrier/evenements/{event.pk}.ics"
    assert "Séminaire renommé" in text(client, calendar_url)  # never asked for: fresh


def test_a_publication_and_an_unpublication_show_at_once(client, sections):
    news_section, agenda = sections
    before = {url: text(client, url) for url in URLS}
    assert all("Colloque de printemps" not in content for content in before.values())

    news = NewsPageFactory.build(title="Colloque de printemps", slug="colloque-de-printemps")
    news_section.add_child(instance=news)
    news.save_revision().publish()
    event = EventPageFactory.build(
        title="Colloque de printemps : journée d'étude",
        date=timezone.localdate() + datetime.timedelta(7),
    )
    agenda.add_child(instance=event)
    event.save_revision().publish()
    for url in URLS:
        content = text(client, url)
        assert "Colloque de printemps" in content or "colloque-de-printemps" in content, url

    news.unpublish()
    event.unpublish()
    for url in URLS:
        content = text(client, url)
        assert "Colloque de printemps" not in content, url
        assert "colloque-de-printemps" not in content, url
