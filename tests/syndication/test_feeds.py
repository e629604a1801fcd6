"""RSS and Atom feeds: valid for feedparser, with what a feed reader shows."""

import datetime
import email.utils

import feedparser
import pytest
from wagtail.models import PageViewRestriction

from bibliography.models import ThematicBibliographyPage
from core.models import Organisation, Theme
from publications.models import NotePage
from syndication.kinds import all_kinds
from tests.factories import NewsPageFactory

from .conftest import section

FORMATS = ("rss", "atom")


def published_date(entry) -> datetime.date:
    try:
        return datetime.datetime.fromisoformat(entry.published).date()
    except ValueError:
        return email.utils.parsedate_to_datetime(entry.published).date()


def parse(client, url: str) -> feedparser.FeedParserDict:
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


def test_every_feed_parses(client, demo_site):
    urls = [f"/flux/{fmt}/" for fmt in FORMATS]
    urls += [f"/flux/{kind}/{fmt}/" for kind in all_kinds() for fmt in FORMATS]
    urls += [f"/flux/themes/{slug}/rss/" for slug in Theme.objects.values_list("slug", flat=True)]
    urls += [
        f"/flux/structures/{acronym}/atom/"
        for acronym in Organisation.objects.values_list("acronym", flat=True)
    ]
    urls += [
        f"/flux/bibliographies/{pk}/{fmt}/"
        for pk in ThematicBibliographyPage.objects.live().values_list("pk", flat=True)
        for fmt in FORMATS
    ]
    for url in urls:
        feed = parse(client, url)
        assert feed.feed.title.startswith("Réseau RECI"), url
        assert feed.feed.language == "fr", url


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_note_has_its_link_date_summary_themes_and_pdf(client, demo_site, fmt):
    feed = parse(client, f"/flux/notes/{fmt}/")
    note = NotePage.objects.live().exclude(pdf=None).order_by("-date").first()
    entry = next(e for e in feed.entries if e.title == note.title)
    assert entry.link == note.full_url
    assert entry.summary == note.summary
    assert published_date(entry) == note.date  # in Paris time, as written
    assert {tag.term for tag in entry.tags} == {theme.name for theme in note.themes.all()}
    enclosure = next(link for link in entry.links if link.rel == "enclosure")
    assert enclosure.type == "application/pdf"
    assert enclosure.href == f"http://testserver{note.pdf.url}"
    assert int(enclosure.length) > 0


def test_entries_are_newest_first_and_limited(client, demo_site):
    feed = parse(client, "/flux/rss/?limit=5")
    assert len(feed.entries) == 5
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_a_theme_feed_lists_only_that_theme(client, demo_site):
    feed = parse(client, "/flux/themes/laicite/rss/")
    assert feed.feed.title == "Réseau RECI : thème « Laïcité »"
    assert feed.entries
    assert all("Laïcité" in {tag.term for tag in entry.tags} for entry in feed.entries)


def test_a_structure_feed_lists_what_it_signs(client, demo_site):
    organisation = Organisation.objects.get(acronym="ORIV")
    feed = parse(client, "/flux/structures/oriv/atom/")
    signed = {
        page.title
        for model in (NotePage,)
        for page in model.objects.live().filter(organisations=organisation)
    }
    assert signed <= {entry.title for entry in feed.entries}


def test_a_bibliography_feed_lists_its_notices_newest_first(client, demo_site):
    bibliography = ThematicBibliographyPage.objects.live().get(slug="laicite")
    feed = parse(client, f"/flux/bibliographies/{bibliography.pk}/atom/")
    references = bibliography.all_references()
    assert {entry.title for entry in feed.entries} <= {r.full_title for r in references}
    assert len(feed.entries) == min(len(references), 30)
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    newest = max(references, key=lambda r: (r.created_at, r.pk))
    assert feed.entries[0].link == f"http://testserver{newest.get_public_url()}"


def test_draft_and_private_pages_are_left_out(client, demo_site):
    news_section = section(demo_site, "actualites")
    NewsPageFactory(parent=news_section, title="Brouillon interne", live=False)
    private = NewsPageFactory(parent=news_section, title="Compte rendu du bureau")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    titles = {entry.title for entry in parse(client, "/flux/actualites/rss/?limit=100").entries}
    assert titles
    assert "Brouillon interne" not in titles
    assert "Compte rendu du bureau" not in titles


@pytest.mark.parametrize(
    "url",
    [
        "/flux/inconnu/rss/",
        "/flux/themes/inconnu/rss/",
        "/flux/structures/INCONNUE/atom/",
        "/flux/bibliographies/999999/rss/",
        "/flux/rss/json/",
    ],
)
def test_unknown_scopes_are_not_found(client, demo_site, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    ["limit=abc", "limit=0", "limit=100000000000000000000", "theme=inconnu", "type=autre"],
)
def test_bad_parameters_are_bad_requests(client, demo_site, query):
    assert client.get(f"/flux/notes/rss/?{query}").status_code == 400
