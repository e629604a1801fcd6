import base64
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from experiences.models import PracticeIndexPage, PracticeSheetPage
from tests.experiences.conftest import translate
from tests.factories import PracticeSheetPageFactory, TargetGroupFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_map_page_renders_the_map_and_a_plain_list(client, practice_index, settings):
    settings.MAP_TILES_URL = "https://tuiles.example.org/{z}/{x}/{y}.png"
    PracticeSheetPageFactory(parent=practice_index, title="Maison des langues", commune="Garges")

    response = client.get("/pratiques/")

    assert response.status_code == 200
    html = response.content.decode()
    # The list is plain HTML: it works without JavaScript.
    assert '<a href="/pratiques/maison-des-langues/">Maison des langues</a>' in html
    assert "Garges" in html
    # The map is hidden until the script has loaded Leaflet, from our static files.
    assert 'id="practice-map" class="practice-map" hidden' in html
    assert 'data-geojson-url="/api/v2/practices/geojson/?locale=fr"' in html
    assert 'data-tiles-url="https://tuiles.example.org/{z}/{x}/{y}.png"' in html
    assert '<script src="/static/leaflet/leaflet.js" defer></script>' in html


def test_leaflet_is_served_from_the_package(client):
    from django.contrib.staticfiles import finders

    assert finders.find("leaflet/leaflet.js")
    assert finders.find("leaflet/leaflet.css")
    assert finders.find("experiences/practice_map.js")


def test_sheet_page_never_shows_the_email_in_clear(client, practice_index):
    PracticeSheetPageFactory(
        parent=practice_index,
        title="Accueil à Nantes",
        slug="accueil-nantes",
        contact_name="Camille Martin",
        contact_email="camille.martin@example.org",
    )

    response = client.get("/pratiques/accueil-nantes/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "camille.martin@example.org" not in html
    assert "example.org" not in html
    assert "mailto:" not in html
    encoded = base64.b64encode(b"camille.martin@example.org").decode()
    assert f'data-contact-email="{encoded}"' in html
    assert "L'adresse e-mail s'affiche lorsque JavaScript est activé." in html.replace(
        "&#x27;", "'"
    )
    assert "Camille Martin" in html


def test_index_page_never_shows_the_email_in_clear(client, practice_index):
    PracticeSheetPageFactory(parent=practice_index, contact_email="contact@example.org")
    assert "contact@example.org" not in client.get("/pratiques/").content.decode()


def test_english_pages_live_under_en(client, practice_index, english_index, english):
    sheet = PracticeSheetPageFactory(parent=practice_index, title="Accueil", slug="accueil")
    PracticeSheetPageFactory(parent=practice_index, title="Seulement en français")
    translate(sheet, english, title="Welcome", slug="welcome")

    index = client.get("/en/practices/")
    sheet_page = client.get("/en/practices/welcome/")

    assert index.status_code == 200
    html = index.content.decode()
    assert '<html lang="en">' in html
    assert '<a href="/en/practices/welcome/">Welcome</a>' in html
    assert "Seulement en français" not in html
    assert 'data-geojson-url="/api/v2/practices/geojson/?locale=en"' in html
    assert sheet_page.status_code == 200
    assert "<h1>Welcome</h1>" in sheet_page.content.decode()
    # French stays unprefixed.
    assert client.get("/pratiques/accueil/").status_code == 200


def words(client, url: str) -> dict[str, list[str]]:
    """What a sheet or the list says around its content, by place."""
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    main = soup.find(id="contenu")
    return {
        name: [" ".join(element.get_text(" ").split()) for element in main.select(selector)]
        for name, selector in {
            "terms": "dt",
            "facts": "dd",
            "headings": "h2",
            "paragraphs": "h2 ~ p",
            "list": ".practice-list .meta",
        }.items()
    } | {
        "map": [element["aria-label"] for element in main.select("#practice-map")],
        "french": [" ".join(dd.get_text(" ").split()) for dd in main.select('dd[lang="fr"]')],
    }


def test_sheet_and_list_speak_the_page_language(client, practice_index, english_index, english):
    welcome = TargetGroupFactory(name="Jeunes", name_en="Young people")
    newcomers = TargetGroupFactory(name="Primo-arrivants", name_en="")  # no English name yet
    sheet = PracticeSheetPageFactory(
        parent=practice_index,
        slug="accueil",
        partners="Ville de Nantes\nCCAS",
        target_groups=[welcome, newcomers],
        themes=[ThemeFactory(name="Laïcité", slug="laicite")],
        results="<p>Cent familles accueillies.</p>",
        funding_sources="Ville",
        contact_phone="02 40 00 00 00",
        contact_email="accueil@example.org",
        resources=[("link", {"title": "Site du projet", "url": "https://example.org/"})],
    )
    translate(sheet, english, title="Welcome", slug="welcome")

    french, english_sheet = (
        words(client, "/pratiques/accueil/"),
        words(client, "/en/practices/welcome/"),
    )
    assert french["terms"] == [
        "Lieu",
        "Période",
        "Structure porteuse",
        "Partenaires",
        "Publics",
        "Thèmes",
    ]
    assert english_sheet["terms"] == [
        "Place",
        "Period",
        "Lead organisation",
        "Partners",
        "Target groups",
        "Themes",
    ]
    assert french["facts"] == [
        "Nantes (44), Pays de la Loire",
        "2012–en cours",
        "Ville de Nantes",
        "Ville de Nantes, CCAS",
        "Jeunes, Primo-arrivants",
        "Laïcité",
    ]
    assert english_sheet["facts"] == [
        "Nantes (44), Pays de la Loire",
        "2012–ongoing",
        "Ville de Nantes",
        "Ville de Nantes, CCAS",
        "Young people, Primo-arrivants",
        "Laïcité",
    ]
    # The themes stay French (the network's vocabulary), and say so on the English page.
    assert (french["french"], english_sheet["french"]) == ([], ["Laïcité"])
    assert french["headings"] == [
        "Résultats et évaluation",
        "Financement",
        "Contact",
        "Liens et documents",
    ]
    assert english_sheet["headings"] == [
        "Results and evaluation",
        "Funding",
        "Contact",
        "Links and documents",
    ]
    phone = [[p for p in page["paragraphs"] if "02 40" in p] for page in (french, english_sheet)]
    assert phone[0][0].startswith("Téléphone") and phone[1][0].startswith("Phone")
    assert "L'adresse e-mail s'affiche lorsque JavaScript est activé." in french["paragraphs"]
    assert "The e-mail address is shown when JavaScript is enabled." in english_sheet["paragraphs"]

    french_list, english_list = words(client, "/pratiques/"), words(client, "/en/practices/")
    assert (french_list["map"], english_list["map"]) == (
        ["Carte des pratiques"],
        ["Map of the practices"],
    )
    assert (french_list["headings"], english_list["headings"]) == (
        ["Toutes les pratiques"],
        ["All practices"],
    )
    assert french_list["list"] == ["Nantes (44) · Pays de la Loire · 2012–en cours"]
    assert english_list["list"] == ["Nantes (44) · Pays de la Loire · 2012–ongoing"]


def test_english_sheet_puts_no_space_before_a_colon(client, practice_index, english_index, english):
    """French puts a non-breaking space before « : », English none: « Phone: », not
    « Phone : »."""
    sheet = PracticeSheetPageFactory(
        parent=practice_index,
        slug="accueil",
        themes=[ThemeFactory(name="Laïcité", slug="laicite")],
        results="<p>Cent familles accueillies.</p>",
        funding_sources="Ville",
        contact_name="Camille Martin",
        contact_phone="02 40 00 00 00",
        contact_email="accueil@example.org",
    )
    translate(sheet, english, title="Welcome", slug="welcome")

    french = client.get("/pratiques/accueil/").content.decode()
    english_sheet = client.get("/en/practices/welcome/").content.decode()

    assert "<p>Téléphone&nbsp;: 02 40 00 00 00</p>" in french
    assert "<p>Phone: 02 40 00 00 00</p>" in english_sheet
    main = BeautifulSoup(english_sheet, "html.parser").find(id="contenu").get_text()
    assert re.findall(r"\w+\s+[:;!?]", main) == []


def test_funding_amount_is_written_in_the_page_language(
    client, practice_index, english_index, english
):
    """« 12 000 € » in French (no-break spaces between the thousands and before the euro sign,
    which never starts a line), "€12,000" in English."""
    sheet = PracticeSheetPageFactory(
        parent=practice_index, slug="accueil", funding_amount=Decimal("12000.00")
    )
    translate(sheet, english, title="Welcome", slug="welcome")

    french = client.get("/pratiques/accueil/").content.decode()
    english_sheet = client.get("/en/practices/welcome/").content.decode()

    assert "<p>12\xa0000&nbsp;€</p>" in french
    assert "<p>€12,000</p>" in english_sheet
    assert "12,000 €" not in english_sheet


def test_an_empty_list_says_so_in_the_page_language(client, practice_index, english_index):
    assert "Aucune pratique publiée pour le moment." in words(client, "/pratiques/")["paragraphs"]
    assert "No practice published yet." in words(client, "/en/practices/")["paragraphs"]


def pagination(client, url: str) -> list[str]:
    """The list's pages: the navigation's name, then what each of its items says."""
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    nav = soup.select_one("#contenu nav:has(.pagination)")
    return [nav["aria-label"]] + [" ".join(li.get_text(" ").split()) for li in nav.select("li")]


def test_the_list_pages_speak_the_page_language(
    client, practice_index, english_index, english, monkeypatch
):
    monkeypatch.setattr(PracticeIndexPage, "page_size", 1)
    for slug in ("accueil", "langues"):
        sheet = PracticeSheetPageFactory(parent=practice_index, slug=slug)
        translate(sheet, english, slug=f"{slug}-en")

    assert pagination(client, "/pratiques/") == ["Pagination", "Page 1 / 2", "Page suivante"]
    assert pagination(client, "/pratiques/?page=2") == [
        "Pagination",
        "Page précédente",
        "Page 2 / 2",
    ]
    assert pagination(client, "/en/practices/") == ["Pagination", "Page 1 of 2", "Next page"]
    assert pagination(client, "/en/practices/?page=2") == [
        "Pagination",
        "Previous page",
        "Page 2 of 2",
    ]


def test_demo_has_the_six_practices_two_in_english(client, demo_site):

    french = PracticeSheetPage.objects.live().filter(locale=Locale.get_default())
    english = PracticeSheetPage.objects.live().filter(locale__language_code="en")
    assert french.count() == 6
    assert english.count() == 2
    assert set(french.values_list("commune", flat=True)) == {
        "Nantes",
        "Marseille",
        "Lille",
        "Paris",
        "Villeurbanne",
        "Garges-lès-Gonesse",
    }
    for sheet in french:
        sheet.full_clean()  # the demo obeys the admin's own rules
    features = client.get("/api/v2/practices/geojson/").json()["features"]
    assert len(features) == 6
    for feature in features:
        longitude, latitude = feature["geometry"]["coordinates"]
        # Metropolitan France, in [lon, lat] order.
        assert -5 < longitude < 10 and 41 < latitude < 52
    assert client.get("/en/practices/").status_code == 200
    assert len(client.get("/api/v2/practices/ewsi.json").json()["items"]) == 2
