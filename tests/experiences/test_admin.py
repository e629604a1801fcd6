import html

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from experiences.models import PracticeSheetPage
from tests.factories import PracticeSheetPageFactory, TargetGroupFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redactrice", "r@example.org", "motdepasse")
    client.force_login(user)
    return client


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["experiences", "practicesheetpage", parent.pk])


def sheet_form(**overrides) -> dict:
    """The page form as the admin posts it when the editor clicks « Publier »."""
    data = {
        "title": "Maison des langues",
        "slug": "maison-des-langues",
        "date": "2016-12-01",
        "summary": "Un lieu unique pour l'apprentissage du français.",
        "commune": "Garges-lès-Gonesse",
        "insee_code": "95268",
        "department": "95",
        "region": "11",
        "latitude": "48.973056",
        "longitude": "2.400556",
        "scale": "departement",
        "start_year": "2010",
        "end_year": "",
        "lead_organisation": "Ville de Garges-lès-Gonesse",
        "partners": "Préfecture du Val-d'Oise\nOFII",
        "action_field": "langue",
        "description": streamfield(
            [("paragraph", rich_text("<p>Formations et orientation linguistiques.</p>"))]
        ),
        "results": rich_text(""),
        "resources": streamfield([]),
        "funding_sources": "Ville, État",
        "funding_amount": "",
        "contact_name": "Camille Martin",
        "contact_organisation": "Maison des langues",
        "contact_email": "contact@example.org",
        "contact_phone": "01 02 03 04 05",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return {**nested_form_data(data), "action-publish": "action-publish"}


def test_editor_creates_and_publishes_a_sheet(editor, practice_index):
    theme = ThemeFactory(slug="apprentissage-langue", name="Apprentissage de la langue")
    group = TargetGroupFactory(slug="primo-arrivants", name="Primo-arrivants")
    data = sheet_form()
    data["themes"] = [theme.pk]
    data["target_groups"] = [group.pk]

    response = editor.post(add_url(practice_index), data)

    assert response.status_code == 302
    sheet = PracticeSheetPage.objects.get(slug="maison-des-langues")
    assert sheet.live
    assert sheet.get_parent().pk == practice_index.pk
    assert sheet.insee_code == "95268"
    assert str(sheet.latitude) == "48.973056"
    assert sheet.is_ongoing
    assert sheet.partner_list == ["Préfecture du Val-d'Oise", "OFII"]
    assert list(sheet.themes.all()) == [theme]
    assert list(sheet.target_groups.all()) == [group]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"insee_code": "9526"}, "insee_code", "doit comporter 5 caractères"),
        ({"insee_code": "2C004"}, "insee_code", "doit comporter 5 caractères"),
        ({"insee_code": "44109"}, "insee_code", "ne correspond pas au département"),
        ({"department": "20"}, "department", "Le numéro de département doit être"),
        ({"latitude": "91"}, "latitude", "La latitude doit être comprise entre -90 et 90."),
        ({"longitude": "-180.5"}, "longitude", "La longitude doit être comprise entre -180"),
        ({"longitude": ""}, "longitude", "Indiquez la latitude et la longitude"),
        ({"start_year": "2015", "end_year": "2012"}, "end_year", "L'année de fin doit être"),
    ],
)
def test_invalid_place_or_period_is_refused_in_french(
    editor, practice_index, overrides, field, message
):
    response = editor.post(add_url(practice_index), sheet_form(**overrides))

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    assert message in html.unescape(response.content.decode())
    assert not PracticeSheetPage.objects.exists()


def test_listing_filters_by_region_theme_and_target_group(editor, practice_index):
    housing = ThemeFactory(slug="logement", name="Logement")
    refugees = TargetGroupFactory(slug="refugies", name="Réfugiés")
    PracticeSheetPageFactory(
        parent=practice_index, title="Accueil à Nantes", region="52", themes=[housing]
    )
    PracticeSheetPageFactory(
        parent=practice_index,
        title="CALM à Paris",
        commune="Paris",
        insee_code="75056",
        department="75",
        region="11",
        target_groups=[refugees],
    )
    url = reverse("practice_sheets:index")

    def titles(**params) -> set[str]:
        response = editor.get(url, params)
        assert response.status_code == 200
        return {page.title for page in response.context["pages"]}

    assert titles() == {"Accueil à Nantes", "CALM à Paris"}
    assert titles(region="11") == {"CALM à Paris"}
    assert titles(themes=housing.pk) == {"Accueil à Nantes"}
    assert titles(target_groups=refugees.pk) == {"CALM à Paris"}


def test_listing_links_to_the_ewsi_export(editor, practice_index):
    response = editor.get(reverse("practice_sheets:index"))
    html = response.content.decode()
    assert reverse("practices_ewsi_csv") in html
    assert "Export EWSI des fiches anglaises (CSV)" in html


def test_editor_translates_a_sheet_into_english(editor, practice_index, english_index, english):
    sheet = PracticeSheetPageFactory(parent=practice_index, title="Accueil", slug="accueil")
    url = reverse("simple_translation:submit_page_translation", args=[sheet.pk])

    response = editor.post(url, {"locales": [english.pk]})

    assert response.status_code == 302
    translation = sheet.get_translation(english)
    assert translation.get_parent().pk == english_index.pk
    # A draft until an editor translates and publishes it: never shown as English meanwhile.
    assert not translation.live
    assert editor.get("/api/v2/practices/geojson/", {"locale": "en"}).json()["features"] == []
