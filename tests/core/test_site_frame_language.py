"""The frame around every public page (header, navigation, breadcrumbs, footer) and the page not
found, in the page's language: French unprefixed, English under /en/, through gettext and
locale/en (templates/base.html, templates/404.html)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from experiences.models import PracticeSheetPage
from tests.experiences.conftest import translate
from tests.factories import PracticeIndexPageFactory

pytestmark = pytest.mark.django_db


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def frame(html: str) -> dict[str, list[str]]:
    """What the frame says, by place (the page's own content left out)."""
    soup = BeautifulSoup(html, "html.parser")
    search_box = soup.select_one(".site-search input")
    return {
        "lang": [soup.html["lang"]],
        "skip": [text(soup.select_one(".skip-link"))],
        "header": [text(soup.select_one(".site-tagline"))],
        "search": [
            text(soup.select_one(".site-search label")),
            search_box["placeholder"],
            search_box["data-suggest-label"],
            text(soup.select_one(".site-search button")),
            soup.select_one(".site-search")["action"],
        ],
        "names": [element["aria-label"] for element in soup.select("header nav, .breadcrumbs")],
        "breadcrumbs": [text(crumb) for crumb in soup.select(".breadcrumbs li")],
        "footer": [text(soup.select_one(".site-footer p"))]
        + [text(link) for link in soup.select(".footer-links a")][:2],
    }


@pytest.fixture
def practices(home_page):
    """A French and an English practice list, each under its home page."""
    english = Locale.objects.create(language_code="en")
    index = PracticeIndexPageFactory(parent=home_page, show_in_menus=True)
    translate(home_page, english, title="RECI Network", slug="home-en")
    return index, translate(index, english, title="Practices", slug="practices")


def test_the_frame_speaks_the_page_language(client, practices):
    french = frame(client.get("/pratiques/").content.decode())
    english = frame(client.get("/en/practices/").content.decode())
    assert french == {
        "lang": ["fr"],
        "skip": ["Aller au contenu"],
        "header": ["Ressources pour l'égalité des chances et l'intégration"],
        "search": [
            "Rechercher sur le site",
            "Rechercher…",
            "Suggestions de titres",
            "Rechercher",
            "/recherche/",
        ],
        "names": ["Langues", "Navigation principale", "Fil d'Ariane"],
        "breadcrumbs": ["Accueil", "Pratiques"],
        "footer": [
            "Réseau RECI – Ressources pour l'Égalité des Chances et l'Intégration : réseau des "
            "centres de ressources sur l'intégration, la lutte contre les discriminations et "
            "l'égalité des chances.",
            "Recherche",
            "Lettre d'information",
        ],
    }
    assert english == {
        "lang": ["en"],
        "skip": ["Skip to content"],
        "header": ["Resources for equal opportunities and integration"],
        "search": ["Search the site", "Search…", "Title suggestions", "Search", "/en/recherche/"],
        "names": ["Languages", "Main navigation", "Breadcrumb"],
        "breadcrumbs": ["Home", "Practices"],
        "footer": [
            "Réseau RECI – a French network of resource centres on integration, the fight "
            "against discrimination and equal opportunities.",
            "Search",
            "Newsletter (in French)",
        ],
    }


def test_an_english_page_is_english_in_its_preview_before_it_has_an_address(practices):
    """The admin's preview of a page being created has no /en/ address yet: the page's
    language still decides (the editor previews in French)."""
    index = practices[1]
    page = PracticeSheetPage(title="New practice", slug="new-practice", locale=index.locale)
    page.depth = index.depth + 1
    page.path = page._get_path(index.path, page.depth, 1)  # as Wagtail's PreviewOnCreateView
    assert page.full_url is None

    html = page.make_preview_request().content.decode()

    assert frame(html)["skip"] == ["Skip to content"]
    assert frame(html)["breadcrumbs"] == ["Home", "Practices", "New practice"]


def test_a_french_page_reached_under_en_stays_french(client, home_page):
    """Without an English home page, Wagtail serves the French one under /en/: its frame,
    links included, is French like the page."""
    french = frame(client.get("/en/").content.decode())
    assert french["lang"] == ["fr"]
    assert french["skip"] == ["Aller au contenu"]
    assert french["search"][-1] == "/recherche/"


def not_found(client, path: str) -> dict[str, list[str]]:
    response = client.get(path)
    assert response.status_code == 404
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    main = soup.find(id="contenu")
    home_link = main.select("p > a")[-1]
    return {
        "lang": [soup.html["lang"]],
        "title": [text(soup.title)],
        "text": [text(element) for element in main.select("h1, p:not(.field)")],
        "search": [text(element) for element in main.select("label, button")],
        "home": [home_link["href"]],
    }


def test_the_page_not_found_speaks_the_address_language(client, practices):
    assert not_found(client, "/pratiques/nulle-part/") == {
        "lang": ["fr"],
        "title": ["Page introuvable – Réseau RECI"],
        "text": [
            "Page introuvable",
            "L'adresse suivie ne mène à aucune page du site du réseau : elle a peut-être été "
            "mal saisie, ou la page a été déplacée ou retirée.",
            "Revenir à l'accueil",
        ],
        "search": [
            "Rechercher dans les publications, notices, pratiques et actualités",
            "Rechercher",
        ],
        "home": ["/"],
    }
    assert not_found(client, "/en/practices/nowhere/") == {
        "lang": ["en"],
        "title": ["Page not found – Réseau RECI"],
        "text": [
            "Page not found",
            "The address you followed does not lead to any page of the network's site: it may "
            "have been mistyped, or the page moved or withdrawn.",
            "Back to the home page",
        ],
        "search": ["Search the publications, bibliographic records, practices and news", "Search"],
        "home": ["/en/"],
    }
