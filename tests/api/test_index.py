"""`/api/v2/`, the address the README and `make run` give, lists the API; `/api/` leads there."""

from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.api.test_schema import response_validator


@pytest.fixture
def schema(client):
    return client.get("/api/schema/").json()


@pytest.mark.django_db
def test_the_index_lists_every_endpoint_and_the_documentation(client, schema, home_page):
    response = client.get("/api/v2/")

    assert response.status_code == 200
    index = response.json()
    response_validator(schema, "/api/v2/").validate(index)
    paths = [endpoint["path"] for endpoint in index["endpoints"]]
    for path in ("/api/v2/pages/", "/api/v2/search/", "/api/v2/search/suggest/", "/api/v2/themes/"):
        assert path in paths
    # Every listing of the OpenAPI document, and nothing that takes an id in its path.
    documented = {path for path in schema["paths"] if "{" not in path}
    assert set(paths) == documented - {"/api/v2/", "/api/"}
    assert all(endpoint["summary"] for endpoint in index["endpoints"])
    assert client.get(urlsplit(index["schema"]).path).status_code == 200
    assert client.get(urlsplit(index["documentation"]).path).status_code == 200


@pytest.mark.django_db
def test_every_endpoint_listed_answers(client, schema, home_page):
    for endpoint in client.get("/api/v2/").json()["endpoints"]:
        url = urlsplit(endpoint["url"])
        assert url.path == endpoint["path"]
        status = client.get(url.path).status_code
        # As documented: `find/` without the id or path it looks for finds nothing, the
        # preview needs the front end's token.
        assert str(status) in schema["paths"][url.path]["get"]["responses"], url.path
        if schema["paths"][url.path]["get"]["operationId"].endswith("_listing"):
            assert status == 200, url.path


@pytest.mark.django_db
def test_the_index_takes_no_parameter(client, schema):
    response = client.get("/api/v2/?format=xml")

    assert response.status_code == 400
    assert "'format'" in response.json()["message"]
    response_validator(schema, "/api/v2/", "400").validate(response.json())


@pytest.mark.django_db
def test_api_root_redirects_to_the_index(client):
    response = client.get("/api/")

    assert response.status_code == 302
    assert response["Location"] == "/api/v2/"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v2/", "/api/"])
def test_the_index_is_read_only(path):
    # As in production: with the CSRF check, which would answer a POST with its 403 page.
    client = Client(enforce_csrf_checks=True)
    for method in (client.post, client.put, client.delete):
        response = method(path)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
