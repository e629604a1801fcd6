"""The server-rendered pages visitors (and Wagtail's preview) see."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from publications.models import NewsIndexPage
from tests.experiences.conftest import translate
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    NotePageFactory,
    OrganisationFactory,
    PdfDocumentFactory,
    PointDeVuePageFactory,
    PressItemFactory,
    ThemeFactory,
    ToolkitPageFactory,
    ToolkitToolFactory,
)

pytestmark = pytest.mark.django_db


def get_html(client, url: str, params: dict | None = None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html
    return html


def test_note_page_offers_its_pdf_with_format_pages_and_size(client, publications_index):
    note = NotePageFactory(parent=publications_index, pdf=PdfDocumentFactory(pages=13))
    note.authors.create(organisation=OrganisationFactory(acronym="ORIV"))
    note.save_revision().publish()
    html = get_html(client, note.url)
    assert re.search(r"\(PDF, 13 p\., \d+ Ko\)", html)
    assert f'href="{note.pdf.url}"' in html
    assert "Citer ce document" in html
    assert "ORIV. Note d&#x27;analyse" in html


def test_point_de_vue_page_shows_its_question(client, publications_index):
    page = PointDeVuePageFactory(parent=publications_index, question="Quel lien social ?")
    assert "Quel lien social ?" in get_html(client, page.url)


def test_news_and_event_pages_render(client, news_index, events_index):
    news = NewsPageFactory(parent=news_index, title="Une base rénovée")
    assert "Une base rénovée" in get_html(client, news.url)
    event = EventPageFactory(
        parent=events_index,
        date=datetime.date(2019, 1, 31),
        end_date=datetime.date(2019, 2, 1),
        place="Strasbourg",
        registration_url="https://example.org/inscription",
    )
    html = get_html(client, event.url)
    assert "Du <time" in html and "Strasbourg" in html and "Passé" in html
    # Registration closes once the event is over.
    assert "S'inscrire" not in html


def test_toolkit_page_filters_tools_with_plain_get_parameters(client, publications_index):
    toolkit = ToolkitPageFactory(parent=publications_index)
    ToolkitToolFactory(page=toolkit, title="Exposition itinérante", kind="exposition")
    ToolkitToolFactory(page=toolkit, title="Jeu de cartes", kind="jeu", audience="adolescents")
    html = get_html(client, toolkit.url)
    assert "Exposition itinérante" in html and "Jeu de cartes" in html
    assert '<form method="get"' in html

    html = get_html(client, toolkit.url, {"kind": "jeu", "audience": "adolescents"})
    assert "Jeu de cartes" in html and "Exposition itinérante" not in html
    assert "1 outil<" in html

    html = get_html(client, toolkit.url, {"kind": "fusée"})
    assert "Type d&#x27;outil&nbsp;:" in html  # the error names the field
    assert "Exposition itinérante" in html and "Jeu de cartes" in html


def test_section_lists_children_by_date_with_filters(client, publications_index):
    laicite = ThemeFactory(slug="laicite", name="Laïcité")
    oriv = OrganisationFactory(acronym="ORIV")
    old = NotePageFactory(
        parent=publications_index, title="Note 2015", date=datetime.date(2015, 6, 1)
    )
    new = PointDeVuePageFactory(
        parent=publications_index, title="Point de vue 2016", date=datetime.date(2016, 12, 9)
    )
    new.themes.add(laicite)
    new.organisations.add(oriv)
    new.save_revision().publish()

    html = get_html(client, publications_index.url)
    assert html.index("Point de vue 2016") < html.index("Note 2015")
    assert '<option value="laicite">Laïcité</option>' in html

    for params in (
        {"theme": "laicite"},
        {"organisation": "ORIV"},
        {"year": "2016"},
        {"kind": "pointdevuepage"},
    ):
        html = get_html(client, publications_index.url, params)
        assert "Point de vue 2016" in html and "Note 2015" not in html, params
    html = get_html(client, publications_index.url, {"year": "2015", "kind": "notepage"})
    assert "Note 2015" in html and "Point de vue 2016" not in html
    html = get_html(client, publications_index.url, {"year": "2030"})
    assert "Année&nbsp;:" in html and "Note 2015" in html
    assert old.pk


def test_section_pagination_keeps_the_filters(client, news_index, monkeypatch):
    monkeypatch.setattr(NewsIndexPage, "page_size", 2)
    theme = ThemeFactory(slug="laicite", name="Laïcité")
    for day in range(1, 4):
        page = NewsPageFactory(parent=news_index, date=datetime.date(2020, 1, day))
        page.themes.add(theme)
        page.save_revision().publish()
    NewsPageFactory(parent=news_index, title="Hors thème", date=datetime.date(2020, 2, 1))
    html = get_html(client, news_index.url, {"theme": "laicite"})
    assert "Page 1 sur 2" in html
    assert "3 résultats" in html
    assert 'href="?theme=laicite&amp;page=2"' in html
    html = get_html(client, news_index.url, {"theme": "laicite", "page": "2"})
    assert "Page 2 sur 2" in html and "Hors thème" not in html
    html = get_html(client, news_index.url, {"page": "abc"})
    assert "Page 1 sur 2" in html


def pagination(client, url: str) -> list[str]:
    """What each item of a section's page navigation says."""
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [" ".join(li.get_text(" ").split()) for li in soup.select("#contenu .pagination li")]


@pytest.fixture
def english_news(home_page, news_index):
    """The news section in English too (/en/news/), with three news items in both languages."""
    english = Locale.objects.create(language_code="en")
    translate(home_page, english, title="RECI Network", slug="home-en")
    translate(news_index, english, title="News", slug="news")
    for day in range(1, 4):
        page = NewsPageFactory(parent=news_index, date=datetime.date(2020, 1, day))
        translate(page, english, slug=f"news-{day}")


def test_section_pagination_speaks_the_page_language(client, english_news, monkeypatch):
    monkeypatch.setattr(NewsIndexPage, "page_size", 2)

    assert pagination(client, "/actualites/") == ["Page 1 sur 2", "Page suivante"]
    assert pagination(client, "/actualites/?page=2") == ["Page précédente", "Page 2 sur 2"]
    assert pagination(client, "/en/news/") == ["Page 1 of 2", "Next page"]
    assert pagination(client, "/en/news/?page=2") == ["Previous page", "Page 2 of 2"]


def test_section_list_and_filters_speak_the_page_language(client, english_news):
    PressItemFactory(title="La laïcité, dix ans après", source="Ouest-France")

    def texts(path: str) -> dict:
        soup = BeautifulSoup(client.get(path).content.decode(), "html.parser")
        main = soup.find(id="contenu")
        return {
            "form": main.select_one("form.filters")["aria-label"],
            "button": main.select_one("form.filters button").get_text(),
            "reset": main.select_one("form.filters a").get_text(),
            "count": main.select_one(".result-count").get_text(),
            "year": main.select_one("select[name=year] option").get_text(),
            "press": main.select_one("#veille").get_text(),
        }

    assert texts("/actualites/") == {
        "form": "Filtrer la liste",
        "button": "Filtrer",
        "reset": "Tout afficher",
        "count": "3 résultats",
        "year": "Toutes les années",
        "press": "Veille\xa0: revue de presse",
    }
    assert texts("/en/news/") == {
        "form": "Filter the list",
        "button": "Filter",
        "reset": "Show all",
        "count": "3 results",
        "year": "All years",
        "press": "Press watch",
    }

    # A filter that does not hold: the message in the page's language, French or English.
    def error(path: str) -> str:
        page = BeautifulSoup(client.get(path).content, "html.parser")
        return page.select_one(".form-errors").get_text().strip()

    french, english_error = error("/actualites/?year=1700"), error("/en/news/?year=1700")
    assert french.startswith("Année\xa0: ")  # a no-break space: the colon never starts a line
    assert english_error.startswith("Year: ")


def test_news_section_shows_the_press_watch(client, news_index):
    PressItemFactory(title="La laïcité, dix ans après", source="Ouest-France")
    html = get_html(client, news_index.url)
    assert "La laïcité, dix ans après" in html and "Ouest-France" in html


def test_pages_render_in_wagtail_preview(admin_client, publications_index):
    from django.urls import reverse

    note = NotePageFactory(parent=publications_index, pdf=PdfDocumentFactory())
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=(note.pk,)))
    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1
