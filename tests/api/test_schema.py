"""The OpenAPI document covers every endpoint and real responses validate against it."""

import datetime

import pytest
from django.contrib.staticfiles import finders
from jsonschema import Draft202012Validator

from config.api import api_router
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
