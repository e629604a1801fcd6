"""The OpenAPI document covers every endpoint and real responses validate against it."""

import datetime

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from jsonschema import Draft202012Validator
from wagtail.models import Locale

from api.registry import api_router
from tests.factories import (
    ContributorFactory,
    OrganisationFactory,
    PressItemFactory,
    PublicationIndexPageFactory,
    ReferenceFactory,
    ThemeFactory,
)
from tests.factories.publications import ToolkitPageFactory, ToolkitToolFactory
from tests.factories.testapp import ArticlePageFactory, DispatchPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def content(home_page):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    theme = ThemeFactory(slug="laicite", name="Laïcité")
    oriv = OrganisationFactory(acronym="ORIV", member_since=1998)
    ArticlePageFactory(
        parent=home_page,
        date=datetime.date(2016, 12, 1),
        themes=[theme],
        organisations=[oriv],
        tags=["laïcité"],
        page_count=13,
        body=f'<p>Voir <a linktype="page" id="{home_page.pk}">l\'accueil</a>.</p>',
    )
    DispatchPageFactory(parent=home_page, themes=[theme])
    # One item for each endpoint the content apps register.
    ContributorFactory(reference=ReferenceFactory(organisation=oriv))
    PressItemFactory()
    publications = PublicationIndexPageFactory(parent=home_page)
    ToolkitToolFactory(page=ToolkitPageFactory(parent=publications))
    get_image_model().objects.create(title="Logo", file=get_test_image_file())
    get_document_model().objects.create(
        title="Note", file=ContentFile(b"%PDF-1.4 test", name="note.pdf")
    )


def response_validator(schema: dict, path: str, status: str = "200") -> Draft202012Validator:
    pointer = path.replace("~", "~0").replace("/", "~1")
    document = {
        **schema,
        "$ref": f"#/paths/{pointer}/get/responses/{status}/content/application~1json/schema",
    }
    return Draft202012Validator(document)


def test_schema_is_openapi_31_with_every_endpoint(schema):
    assert schema["openapi"].startswith("3.1")
    for name in api_router._endpoints:
        assert f"/api/v2/{name}/" in schema["paths"]
        assert f"/api/v2/{name}/{{id}}/" in schema["paths"]
    for component in schema["components"]["schemas"].values():
        Draft202012Validator.check_schema(component)


def test_every_known_parameter_is_documented(schema):
    for name, endpoint in api_router._endpoints.items():
        operation = schema["paths"][f"/api/v2/{name}/"]["get"]
        documented = {p["name"] for p in operation["parameters"]}
        expected = set(endpoint.known_query_parameters) - {"_", "format"}
        assert expected <= documented, (name, expected - documented)


def test_page_types_are_described_with_their_api_fields(schema):
    article = schema["components"]["schemas"]["pages.testapp.ArticlePage"]
    assert {"date", "summary", "themes", "organisations", "body", "tags"} <= set(
        article["properties"]
    )
    assert article["properties"]["date"] == {"type": "string", "format": "date"}
    assert article["properties"]["themes"]["items"]["properties"]["slug"] == {"type": "string"}


@pytest.mark.parametrize("endpoint", sorted(api_router._endpoints))
def test_real_responses_validate_against_the_schema(client, schema, content, endpoint):
    listing_validator = response_validator(schema, f"/api/v2/{endpoint}/")
    detail_validator = response_validator(schema, f"/api/v2/{endpoint}/{{id}}/")
    error_validator = response_validator(schema, f"/api/v2/{endpoint}/", "400")
    queries = ["", "?fields=*", "?fields=_,id", "?limit=1&offset=1"]
    if endpoint == "pages":
        queries += [
            "?type=testapp.ArticlePage&fields=*",
            "?type=testapp.DispatchPage,testapp.ArticlePage&fields=*",
            "?themes=laicite&order=-date",
        ]
    checked = 0
    for query in queries:
        data = client.get(f"/api/v2/{endpoint}/{query}").json()
        listing_validator.validate(data)
        for item in data["items"]:
            detail = client.get(f"/api/v2/{endpoint}/{item['id']}/")
            assert detail.status_code == 200
            detail_validator.validate(detail.json())
            checked += 1
    assert checked >= 1
    error_validator.validate(client.get(f"/api/v2/{endpoint}/?limit=-1").json())


def test_schema_rejects_a_response_of_the_wrong_shape(schema):
    validator = response_validator(schema, "/api/v2/themes/")
    wrong = {"meta": {"total_count": 1}, "items": [{"id": 1, "meta": {"type": "x"}, "nom": 1}]}
    assert not validator.is_valid(wrong)


def test_rich_text_is_public_html(client, content, home_page):
    data = client.get("/api/v2/pages/?type=testapp.ArticlePage&fields=body").json()
    body = data["items"][0]["body"]
    assert 'linktype="page"' not in body
    assert 'href="/"' in body or f'href="{home_page.url}"' in body


def test_docs_page_serves_swagger_ui_from_our_static_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "/api/schema/" in html
    assert "cdn" not in html.lower()
    # Shipped by the drf-spectacular-sidecar package, collected with our static files.
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


def api_routes() -> set[str]:
    """Every URL the site serves under /api/, as OpenAPI paths (`{id}` for the item)."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return {
        "/" + route.replace("^", "").replace("<int:pk>", "{id}")
        for route in walk(get_resolver().url_patterns)
        if route.startswith("api/")
    }


def test_every_api_url_is_in_the_schema_and_nothing_else(schema):
    # The document itself and its HTML viewer are the only API URLs left out.
    routes = api_routes() - {"/api/schema/", "/api/docs/"}
    assert len(routes) >= 30
    assert routes == set(schema["paths"])


@pytest.fixture
def everything(content, home_page):
    """Besides `content`: a practice sheet in French and English, a searchable note."""
    from tests.experiences.conftest import translate
    from tests.factories import NotePageFactory, PracticeIndexPageFactory, PracticeSheetPageFactory

    english = Locale.objects.get_or_create(language_code="en")[0]
    index = PracticeIndexPageFactory(parent=home_page)
    sheet = PracticeSheetPageFactory(parent=index, title="Accueil des nouveaux arrivants")
    translate(home_page, english, title="RECI Network", slug="home-en")
    translate(index, english, title="Practices", slug="practices")
    translate(sheet, english, title="Welcoming newcomers", slug="welcoming-newcomers")
    # Published through Wagtail, so that the search records are written.
    note = NotePageFactory(parent=home_page, title="Les discriminations dans le logement")
    note.save_revision().publish()
    ReferenceFactory(title="Les politiques du logement", live=False).save_revision().publish()
    return sheet


def validate_json(schema, path: str, url: str, status: str = "200") -> dict:
    response = Client().get(url)
    assert str(response.status_code) == status, (url, response.content[:300])
    data = response.json()
    response_validator(schema, path, status).validate(data)
    return data


OTHER_ENDPOINTS = [
    ("/api/v2/search/", "/api/v2/search/?q=discriminations", "200"),
    ("/api/v2/search/", "/api/v2/search/?q=logement&type=publications.notepage&sort=date", "200"),
    ("/api/v2/search/", "/api/v2/search/?q=logement&page_size=1&page=2", "200"),
    ("/api/v2/search/", "/api/v2/search/?page=0", "400"),
    ("/api/v2/search/suggest/", "/api/v2/search/suggest/?q=disc", "200"),
    ("/api/v2/search/suggest/", "/api/v2/search/suggest/?x=1", "400"),
    ("/api/v2/practices/ewsi.json", "/api/v2/practices/ewsi.json", "200"),
    ("/api/v2/practices/ewsi.json", "/api/v2/practices/ewsi.json?x=1", "400"),
    ("/api/v2/practices/geojson/", "/api/v2/practices/geojson/?region=00", "400"),
    ("/api/v2/pages/find/", "/api/v2/pages/find/?html_path=/nulle-part/", "404"),
]


@pytest.mark.parametrize(("path", "url", "status"), OTHER_ENDPOINTS)
def test_endpoints_outside_the_router_validate(schema, everything, path, url, status):
    data = validate_json(schema, path, url, status)
    if status == "200" and "q=" in url and "page=2" not in url:
        assert data.get("results") or data.get("suggestions"), url


def test_geojson_validates(client, schema, everything):
    path = "/api/v2/practices/geojson/"
    content = schema["paths"][path]["get"]["responses"]["200"]["content"]
    response = client.get(path)
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert len(data["features"]) == 1
    Draft202012Validator(
        {
            **schema,
            "$ref": "#/paths/~1api~1v2~1practices~1geojson~1/get/responses/200/content/"
            "application~1geo+json/schema",
        }
    ).validate(data)
    assert "application/geo+json" in content


def test_ewsi_csv_and_reference_downloads_match_their_documented_media_types(
    client, schema, everything
):
    csv = client.get("/api/v2/practices/ewsi.csv")
    documented = schema["paths"]["/api/v2/practices/ewsi.csv"]["get"]["responses"]["200"]
    assert csv["Content-Type"].split(";")[0] in documented["content"]
    assert "Welcoming newcomers" in csv.content.decode()

    operation = schema["paths"]["/api/v2/references/"]["get"]
    assert "format" in {p["name"] for p in operation["parameters"]}
    for fmt in ("ris", "bibtex", "csljson"):
        response = client.get(f"/api/v2/references/?format={fmt}")
        assert response.status_code == 200
        assert response["Content-Type"].split(";")[0] in operation["responses"]["200"]["content"]
    csl = client.get("/api/v2/references/?format=csljson").json()
    Draft202012Validator(
        operation["responses"]["200"]["content"]["application/vnd.citationstyles.csl+json"][
            "schema"
        ]
    ).validate(csl)


def test_find_redirects_as_documented(client, schema, content):
    item = client.get("/api/v2/themes/").json()["items"][0]
    response = client.get(f"/api/v2/themes/find/?id={item['id']}")
    assert str(response.status_code) in schema["paths"]["/api/v2/themes/find/"]["get"]["responses"]
    assert response["Location"].split("?")[0].endswith(f"/api/v2/themes/{item['id']}/")


def test_preview_validates(client, schema, home_page, settings):
    from api.preview import make_preview_token
    from tests.factories.testapp import ArticlePageFactory

    page = ArticlePageFactory(parent=home_page)
    page.title = "Brouillon non publié"
    data = validate_json(schema, "/api/preview/", f"/api/preview/?token={make_preview_token(page)}")
    assert data["title"] == "Brouillon non publié"
    validate_json(schema, "/api/preview/", "/api/preview/?token=faux", "403")
