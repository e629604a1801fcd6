"""Bad parameters give a 400 with a clear JSON message on every endpoint, never a 500."""

import pytest

from api.registry import api_router
from tests.factories import OrganisationFactory, ThemeFactory
from tests.factories.testapp import ArticlePageFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = sorted(api_router._endpoints)

BAD_FOR_EVERY_ENDPOINT = {
    "limit=-1": "limit",
    "limit=abc": "limit",
    "limit=99999999999999999999999": "limit",
    "limit=1000": "limit",
    "offset=-5": "offset",
    "offset=1e3": "offset",
    "offset=99999999999999999999999": "offset",
    "fields=nonexistent_field": "nonexistent_field",
    "fields=title(": "fields",
    "colour=blue": "colour",
    "order=nonexistent_field": "nonexistent_field",
    "id=abc": "id",
    "search=%00": "null",
    "limit=1&limit=2": "limit",
}

BAD_FOR_PAGES = {
    "type=nothing.Nowhere": "type",
    "type=core.Theme": "type",
    "themes=no-such-theme": "no-such-theme",
    "themes=": "themes",
    "organisation=NOPE": "NOPE",
    "year=deux-mille": "year",
    "year=99999": "year",
    "date_from=2016-13-45": "date_from",
    "date_to=yesterday": "date_to",
    "date_from=2020-01-01&date_to=2016-01-01": "date_from",
    "section=no-such-section": "no-such-section",
    "section=99999999999999999999": "99999999999999999999",
    "locale=xx": "xx",
    "child_of=99999999999999999999": "",
    "descendant_of=abc": "descendant_of",
    "type=testapp.ArticlePage&date=2016-13-45": "",
    "type=testapp.ArticlePage&page_count=many": "page_count",
    "type=testapp.ArticlePage&organisations=abc": "",
    "order=-date,colour": "colour",
    "rich_text_format=pdf": "",
    "site=bad host": "",
    "search=laicite&search_operator=xor": "",
}


@pytest.fixture
def some_content(home_page):
    theme = ThemeFactory(slug="laicite")
    OrganisationFactory(acronym="ORIV")
    ArticlePageFactory(parent=home_page, themes=[theme])


def unclear_answers(client, base_url: str, cases: dict[str, str]) -> list:
    """The cases whose answer is not a 400 with a JSON message naming the culprit."""
    wrong = []
    for query, expected_word in cases.items():
        response = client.get(f"{base_url}?{query}")
        try:
            message = response.json()["message"]
        except (ValueError, KeyError):
            message = ""
        if response.status_code != 400 or expected_word.lower() not in message.lower():
            wrong.append((query, response.status_code, response.content[:200]))
    return wrong


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_bad_parameters_on_every_endpoint(client, some_content, endpoint):
    assert unclear_answers(client, f"/api/v2/{endpoint}/", BAD_FOR_EVERY_ENDPOINT) == []


def test_bad_parameters_on_pages(client, some_content):
    assert unclear_answers(client, "/api/v2/pages/", BAD_FOR_PAGES) == []


@pytest.mark.parametrize(
    "endpoint",
    [
        name
        for name in ENDPOINTS
        if name != "pages"
        and "year" not in api_router._endpoints[name].known_query_parameters
        and "year" not in {f.name for f in api_router._endpoints[name].model._meta.get_fields()}
    ],
)
def test_content_filters_are_unknown_elsewhere(client, some_content, endpoint):
    assert unclear_answers(client, f"/api/v2/{endpoint}/", {"year=2016": "year"}) == []


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_huge_detail_id_is_a_404_not_a_500(client, some_content, endpoint):
    response = client.get(f"/api/v2/{endpoint}/99999999999999999999999/")
    assert response.status_code == 404
    assert response.json()["message"]


def test_valid_parameters_still_work(client, some_content):
    response = client.get("/api/v2/pages/?themes=laicite&limit=100&offset=0&order=-date")
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 1
