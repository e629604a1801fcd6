import pytest

from tests.factories import OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_themes_endpoint_lists_the_vocabulary(client):
    ThemeFactory(slug="laicite", name="Laïcité")
    ThemeFactory(slug="interculturalite", name="Interculturalité")
    response = client.get("/api/v2/themes/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 2
    assert [item["name"] for item in data["items"]] == ["Interculturalité", "Laïcité"]
    assert {"slug", "name"} <= set(data["items"][0])


def test_themes_filter_by_slug_and_detail(client):
    theme = ThemeFactory(slug="laicite", name="Laïcité", description="Principe de laïcité.")
    ThemeFactory(slug="autre", name="Autre")
    data = client.get("/api/v2/themes/?slug=laicite").json()
    assert [item["id"] for item in data["items"]] == [theme.pk]
    detail = client.get(f"/api/v2/themes/{theme.pk}/").json()
    assert detail["description"] == "Principe de laïcité."


def test_organisations_endpoint(client):
    OrganisationFactory(
        acronym="ORIV", name="Observatoire Régional de l'Intégration et de la Ville"
    )
    OrganisationFactory(acronym="CREFE", member_since=2005, member_until=2012)
    data = client.get("/api/v2/organisations/").json()
    assert [o["acronym"] for o in data["items"]] == ["CREFE", "ORIV"]
    oriv = data["items"][1]
    assert oriv["region_name"] == "Grand Est"
    assert oriv["is_current_member"] is True
    assert data["items"][0]["is_current_member"] is False


def test_pages_endpoint_lists_the_demo_tree(client, site_skeleton):
    data = client.get("/api/v2/pages/").json()
    types = {item["meta"]["type"] for item in data["items"]}
    assert "home.HomePage" in types
    assert "publications.PublicationIndexPage" in types
    home = client.get(f"/api/v2/pages/{site_skeleton.pk}/").json()
    assert [s["title"] for s in home["sections"]] == [
        "Publications",
        "Bibliographies",
        "Pratiques",
        "Actualités",
        "Agenda",
    ]


def test_unknown_theme_is_404(client):
    response = client.get("/api/v2/themes/999999/")
    assert response.status_code == 404


def test_organisations_search_and_region_filter(client):
    OrganisationFactory(acronym="IREV", name="Institut Régional de la Ville", region="32")
    OrganisationFactory(acronym="ORIV", region="44")
    assert [
        o["acronym"] for o in client.get("/api/v2/organisations/?region=32").json()["items"]
    ] == ["IREV"]
    found = client.get("/api/v2/organisations/?search=IREV").json()["items"]
    assert [o["acronym"] for o in found] == ["IREV"]


def test_unknown_parameter_is_a_clear_400(client):
    response = client.get("/api/v2/themes/?colour=blue")
    assert response.status_code == 400
    assert "colour" in response.json()["message"]
