"""Inputs shaped to exhaust the server give a 400 with a clear message (or a capped answer),
never a 500, on every endpoint the OpenAPI document lists and on the search page.

Deeply nested `?fields=`, a `?search=` of hundreds of words (Python's recursion limit) and
integers beyond 64 bits in any parameter (SQLite's driver): see `api/limits.py`.
"""

import pytest
from django.conf import settings
from django.test import Client

from api.limits import FREE_TEXT_PARAMETERS, INTEGER_MAX
from api.registry import api_router, openapi_paths
from api.schema import build_schema

pytestmark = pytest.mark.django_db

DEEP_FIELDS = "title(" * 460 + "title" + ")" * 460
MANY_WORDS = " ".join(f"laïcité{n}" for n in range(450))
HUGE = str(INTEGER_MAX + 1)
HUGE_NEGATIVE = str(-INTEGER_MAX - 2)
ENORMOUS = "9" * 5000  # beyond Python's own limit for converting digits (4,300)


def operations() -> dict[str, list[str]]:
    """Each GET path of the OpenAPI document and the query parameters it declares."""
    document = build_schema(
        api_router, base_url=settings.WAGTAILAPI_BASE_URL, extra_paths=openapi_paths()
    )
    return {
        path: sorted(p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query")
        for path, item in document["paths"].items()
        if "get" in item
    }


def on_router(path: str) -> bool:
    """Whether the path is one of the router's endpoints (`/api/v2/<name>/…`)."""
    parts = path.split("/")
    return len(parts) > 3 and parts[1:3] == ["api", "v2"] and parts[3] in api_router._endpoints


OPERATIONS = operations()


@pytest.fixture
def anonymous_client(home_page) -> Client:
    return Client(raise_request_exception=False)


def answer(client: Client, url: str, params: dict[str, str]) -> tuple[int, str]:
    """The status and the JSON `message` (or the HTML body) a client gets."""
    response = client.get(url, params)
    if response["Content-Type"].startswith("application/json"):
        return response.status_code, response.json().get("message", "")
    return response.status_code, response.content.decode(errors="replace")


def server_errors(client: Client, url: str, cases: list[dict[str, str]]) -> list:
    wrong = []
    for params in cases:
        status, message = answer(client, url, params)
        if status >= 500 or (status == 400 and not message):
            wrong.append((sorted(params), status, message[:200]))
    return wrong


@pytest.mark.parametrize("path", sorted(OPERATIONS))
def test_big_integers_in_any_parameter_are_a_400_naming_it(anonymous_client, path):
    url = path.replace("{id}", "1")
    wrong = []
    for name in OPERATIONS[path]:
        for number in (HUGE, HUGE_NEGATIVE, ENORMOUS, f"1,{HUGE}"):
            status, message = answer(anonymous_client, url, {name: number})
            if status >= 500 or (status == 400 and not message):
                wrong.append((name, number[:30], status, message[:200]))
            elif (
                on_router(path)
                and name not in FREE_TEXT_PARAMETERS
                and (status != 400 or not message.startswith(name))
            ):
                # The router's endpoints refuse them all, naming the parameter.
                wrong.append((name, number[:30], status, message[:200]))
    assert wrong == []


@pytest.mark.parametrize("path", sorted(OPERATIONS))
def test_deep_fields_and_long_searches_are_refused_or_capped(anonymous_client, path):
    cases = [
        {"fields": DEEP_FIELDS},
        {"search": MANY_WORDS},
        {"search": MANY_WORDS, "search_operator": "or"},
        {"q": MANY_WORDS},
    ]
    url = path.replace("{id}", "1")
    assert server_errors(anonymous_client, url, cases) == []


@pytest.mark.parametrize("path", sorted(filter(on_router, OPERATIONS)))
def test_router_endpoints_explain_what_they_refuse(anonymous_client, path):
    url = path.replace("{id}", "1")
    status, message = answer(anonymous_client, url, {"fields": DEEP_FIELDS})
    assert (status, message) == (400, "fields cannot nest sub-fields more than 5 levels deep")
    if "search" in OPERATIONS[path]:
        status, message = answer(anonymous_client, url, {"search": MANY_WORDS})
        assert status == 400
        assert message.startswith("search cannot")


def test_search_page_and_api_cap_long_queries(anonymous_client):
    page = anonymous_client.get("/recherche/", {"q": MANY_WORDS})
    assert page.status_code == 200
    api = anonymous_client.get("/api/v2/search/", {"q": MANY_WORDS})
    assert api.status_code == 200
    assert len(api.json()["query"]) <= 200
    suggest = anonymous_client.get("/api/v2/search/suggest/", {"q": MANY_WORDS})
    assert suggest.status_code == 200


def test_search_page_survives_hostile_filters(anonymous_client):
    for params in ({"theme": HUGE}, {"page": ENORMOUS}, {"year": HUGE}, {"q": MANY_WORDS}):
        assert anonymous_client.get("/recherche/", params).status_code in (200, 400)


def test_reasonable_values_still_work(anonymous_client):
    nested = anonymous_client.get(
        "/api/v2/pages/", {"type": "testapp.ArticlePage", "fields": "_,id,themes(name)"}
    )
    assert nested.status_code == 200, nested.json()
    response = anonymous_client.get("/api/v2/pages/", {"search": "laïcité logement", "id": "3"})
    assert response.status_code == 200
