import base64

import pytest
from wagtail.models import Locale

from experiences.models import PracticeSheetPage
from tests.experiences.conftest import translate
from tests.factories import PracticeSheetPageFactory

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
