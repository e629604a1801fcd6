import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

from bibliography.models import BibliographyIndexPage
from experiences.models import PracticeIndexPage
from home.models import HomePage, HomePageFeaturedItem
from newsletter.models import NewsletterIndexPage
from publications.models import EventIndexPage, NewsIndexPage, PublicationIndexPage
from tests.experiences.conftest import translate
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    NotePageFactory,
    PracticeIndexPageFactory,
    PracticeSheetPageFactory,
)

SECTIONS = {
    PublicationIndexPage,
    NewsIndexPage,
    EventIndexPage,
    BibliographyIndexPage,
    PracticeIndexPage,
    NewsletterIndexPage,
}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_holds_the_sections(self):
        self.assertAllowedSubpageTypes(HomePage, SECTIONS)

    def test_sections_only_live_under_home(self):
        for section in SECTIONS:
            self.assertAllowedParentPageTypes(section, {HomePage})


@pytest.mark.django_db
def test_home_page_renders_in_french_with_sections(client, site_skeleton):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert html.count("<h1>") == 1
    assert 'href="#contenu"' in html
    for title in ("Publications", "Bibliographies", "Pratiques", "Actualités", "Agenda"):
        assert f">{title}</a>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "seo_title", "expected"),
    [
        ("Réseau RECI", "", "Réseau RECI"),
        ("Accueil", "", "Accueil – Réseau RECI"),
        ("Accueil", "Le Réseau RECI en bref", "Le Réseau RECI en bref"),
        ("Réseau RECI", "Accueil", "Accueil – Réseau RECI"),
    ],
)
def test_home_page_title_names_the_network_once(client, site_skeleton, title, seo_title, expected):
    site_skeleton.title, site_skeleton.seo_title = title, seo_title
    site_skeleton.save_revision().publish()

    html = client.get("/").content.decode()

    assert BeautifulSoup(html, "html.parser").title.get_text() == expected


@pytest.mark.django_db
def test_section_page_lists_its_children(client, demo_site):
    section = demo_site.get_children().get(slug="actualites")
    response = client.get(section.url)
    assert response.status_code == 200
    html = response.content.decode()
    children = section.get_children().live()
    assert children.exists()
    for child in children:
        assert escape(child.title) in html


@pytest.mark.django_db
def test_featured_items_hide_unpublished_pages(site_skeleton):
    publications = site_skeleton.get_children().get(slug="publications").specific
    agenda = site_skeleton.get_children().get(slug="agenda").specific
    site_skeleton.featured_items.create(item=publications, sort_order=0)
    site_skeleton.featured_items.create(item=agenda, sort_order=1)
    agenda.unpublish()
    assert [p.pk for p in site_skeleton.featured] == [publications.pk]


def home_page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_its_content(client, site_skeleton):
    """The home page is rendered in a bounded number of queries, however many items it shows:
    one more for the featured pages, one per content type shown for their dates and summaries
    (the agenda shows its coming events, read in the one query it always makes)."""
    client.get("/")
    before = home_page_queries(client)
    sections = list(site_skeleton.get_children().specific())
    next_month = datetime.date.today() + datetime.timedelta(days=30)

    def add_items(round_number: int) -> None:
        for section in sections:
            title = f"Nouveau dans {section.title} ({round_number})"
            if isinstance(section, EventIndexPage):
                EventPageFactory(parent=section, title=title, date=next_month)
            else:
                NewsPageFactory(parent=section, title=title)

    add_items(1)
    for sort_order, section in enumerate(sections):
        site_skeleton.featured_items.create(item=section, sort_order=sort_order)
    after = home_page_queries(client)
    html = client.get("/").content.decode()
    for section in sections:
        assert f"Nouveau dans {escape(section.title)} (1)" in html
    # The featured pages, and the news pages' dates and summaries. The site's frame (navigation
    # in the page's language, translations, the agenda's coming events) takes about six.
    assert after <= before + 2
    assert after <= 22
    add_items(2)
    assert home_page_queries(client) == after


def test_each_section_shows_its_latest_items_by_the_date_they_show(site_skeleton):
    """Newest first by the date on the card, as the section's own listing: not by when they
    were published (an import or the demo publishes old items last)."""
    sections = list(site_skeleton.get_children().specific())
    news = next(section for section in sections if isinstance(section, NewsIndexPage))
    publications = next(s for s in sections if isinstance(s, PublicationIndexPage))
    dates = [(2016, 12, 20), (2020, 1, 15), (2015, 3, 2), (2018, 6, 1), (2017, 9, 9)]
    for published_day, (year, month, day) in enumerate(dates):
        page = NewsPageFactory(
            parent=news, title=f"Actualité de {year}", date=datetime.date(year, month, day)
        )
        Page.objects.filter(pk=page.pk).update(
            first_published_at=datetime.datetime(2026, 1, published_day + 1, tzinfo=datetime.UTC)
        )
    NotePageFactory(parent=publications, title="Ailleurs")

    latest = dict(site_skeleton.sections)

    assert [page.title for page in latest[news]] == [
        "Actualité de 2020",
        "Actualité de 2018",
        "Actualité de 2017",
    ]
    assert [page.pk for page in latest[news]] == news.get_listing()[:3]
    assert [page.title for page in latest[publications]] == ["Ailleurs"]


def test_items_of_one_date_come_newest_created_first(site_skeleton):
    news = site_skeleton.get_children().type(NewsIndexPage).specific().get()
    for n in range(4):
        NewsPageFactory(parent=news, title=f"Même jour {n}", date=datetime.date(2020, 2, 3))

    latest = dict(site_skeleton.sections)

    assert [page.title for page in latest[news]] == ["Même jour 3", "Même jour 2", "Même jour 1"]
    assert [page.pk for page in latest[news]] == news.get_listing()[:3]


def main_texts(client, path: str, selector: str) -> list[str]:
    """The text of each element of the page's main content matching `selector`, spaces folded."""
    main = BeautifulSoup(client.get(path).content.decode(), "html.parser").find(id="contenu")
    return [" ".join(element.get_text(" ").split()) for element in main.select(selector)]


@pytest.mark.django_db
def test_home_page_speaks_its_language(client, home_page):
    """The headings and links the home page adds around its cards, in French at / and in
    English at /en/ (locale/en)."""
    english = Locale.objects.create(language_code="en")
    practices = PracticeIndexPageFactory(parent=home_page)
    sheet = PracticeSheetPageFactory(parent=practices, title="Accueil à Nantes")
    news = NewsIndexPageFactory(parent=home_page)  # nothing published in it yet
    english_home = translate(home_page, english, title="RECI Network", slug="home-en")
    translate(practices, english, title="Practices", slug="practices")
    english_sheet = translate(sheet, english, title="Welcome in Nantes", slug="welcome")
    translate(news, english, title="News", slug="news")
    HomePageFeaturedItem.objects.create(home_page=home_page, item=sheet)
    HomePageFeaturedItem.objects.create(home_page=english_home, item=english_sheet)

    assert main_texts(client, "/", "h2, .more, .home-section > p") == [
        "À la une",
        "Pratiques",
        "Tout voir – Pratiques",
        "Actualités",
        "Tout voir – Actualités",
        "Aucun contenu publié pour le moment.",
    ]
    assert main_texts(client, "/en/", "h2, .more, .home-section > p") == [
        "Featured",
        "Practices",
        "See all – Practices",
        "News",
        "See all – News",
        "Nothing published yet.",
    ]


@pytest.mark.django_db
def test_home_page_agenda_speaks_its_language(client, home_page, time_machine):
    """The agenda's dates and its « no coming event » line, in French at / and in English at
    /en/ (they stayed French on the English home page)."""
    time_machine.move_to(datetime.datetime(2026, 9, 1, 9, tzinfo=datetime.UTC), tick=False)
    english = Locale.objects.create(language_code="en")
    agenda = EventIndexPageFactory(parent=home_page, title="Agenda", slug="agenda")
    past = EventIndexPageFactory(parent=home_page, title="Archives", slug="archives")
    event = EventPageFactory(
        parent=agenda,
        title="Rencontres",
        date=datetime.date(2026, 10, 1),
        end_date=datetime.date(2026, 10, 3),
    )
    EventPageFactory(parent=past, title="Colloque", date=datetime.date(2025, 5, 6))
    translate(home_page, english, title="RECI Network", slug="home-en")
    translate(agenda, english, title="Agenda", slug="agenda")
    translate(event, english, title="Meetings", slug="meetings")
    translate(past, english, title="Archives", slug="archives")

    assert main_texts(client, "/", ".event-date, .home-section > p") == [
        "Du 1er octobre au 3 octobre 2026",
        "Aucun événement à venir pour le moment : les événements passés sont dans l'agenda .",
    ]
    assert main_texts(client, "/en/", ".event-date, .home-section > p") == [
        "From 1 October to 3 October 2026",
        "No upcoming event for now: past events are in the calendar .",
    ]
