"""HTTP caching, the server-side response cache and its invalidation, cookies and CORS."""

import datetime
import os

import pytest
from django.test import Client
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from api.registry import api_router
from tests.factories import ThemeFactory
from tests.factories.testapp import ArticlePageFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = sorted(api_router._endpoints)


@pytest.fixture
def note(home_page):
    return ArticlePageFactory(parent=home_page, title="Point de vue sur… la laïcité")


def titles(client, url="/api/v2/pages/?type=testapp.ArticlePage&fields=title") -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_sends_validators_and_cache_control(client, note, endpoint, settings):
    settings.API_CACHE_MAX_AGE = 120
    response = client.get(f"/api/v2/{endpoint}/")
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "public, max-age=120"


def test_if_none_match_gives_304(client, note):
    first = client.get("/api/v2/pages/")
    again = client.get("/api/v2/pages/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    other = client.get("/api/v2/pages/", HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_if_modified_since_gives_304_until_content_changes(client, note):
    first = client.get("/api/v2/pages/")
    since = first["Last-Modified"]
    assert client.get("/api/v2/pages/", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    later = http_date((datetime.datetime.now() + datetime.timedelta(days=1)).timestamp())
    assert client.get("/api/v2/pages/", HTTP_IF_MODIFIED_SINCE=later).status_code == 304
    note.title = "Titre corrigé"
    note.save_revision().publish()
    changed = client.get("/api/v2/pages/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_repeated_request_is_served_from_the_cache(client, note, django_assert_num_queries):
    titles(client)
    with django_assert_num_queries(0):
        assert titles(client) == ["Point de vue sur… la laïcité"]


def test_publishing_changes_the_answer_at_once(client, note):
    assert titles(client) == ["Point de vue sur… la laïcité"]
    note.title = "Point de vue sur… l'interculturalité"
    note.save_revision().publish()
    assert titles(client) == ["Point de vue sur… l'interculturalité"]


def test_unpublishing_and_deleting_remove_the_page_at_once(client, note, home_page):
    other = ArticlePageFactory(parent=home_page, title="Note sur le logement")
    assert len(titles(client)) == 2
    other.unpublish()
    assert titles(client) == ["Point de vue sur… la laïcité"]
    note.delete()
    assert titles(client) == []


def test_a_draft_is_not_shown_but_the_page_stays_cached_correctly(client, note):
    assert titles(client) == ["Point de vue sur… la laïcité"]
    note.title = "Brouillon"
    note.save_revision()
    assert titles(client) == ["Point de vue sur… la laïcité"]


def test_a_new_view_restriction_hides_the_page_at_once(client, note):
    # Uncached responses too: the view restrictions are read once per content version.
    assert titles(client) == ["Point de vue sur… la laïcité"]
    assert titles(client) == ["Point de vue sur… la laïcité"]
    restriction = PageViewRestriction.objects.create(
        page=note, restriction_type=PageViewRestriction.LOGIN
    )
    assert titles(client) == []
    assert client.get(f"/api/v2/pages/{note.pk}/").status_code == 404
    restriction.delete()
    assert titles(client) == ["Point de vue sur… la laïcité"]


def test_moving_a_page_changes_the_answer(client, note, home_page):
    section = ArticlePageFactory(parent=home_page, title="Rubrique")
    url = f"/api/v2/pages/?child_of={section.pk}&fields=title"
    assert titles(client, url) == []
    note.move(section, pos="last-child")
    assert titles(client, url) == ["Point de vue sur… la laïcité"]


def test_snippet_changes_are_seen_at_once(client):
    theme = ThemeFactory(slug="laicite", name="Laïcité")
    assert client.get("/api/v2/themes/").json()["items"][0]["name"] == "Laïcité"
    theme.name = "Laïcité et valeurs de la République"
    theme.save()
    assert client.get("/api/v2/themes/").json()["items"][0]["name"] == theme.name
    theme.delete()
    assert client.get("/api/v2/themes/").json()["items"] == []


def test_errors_are_not_cached_as_successes(client, note):
    assert client.get("/api/v2/pages/?themes=laicite").status_code == 400
    ThemeFactory(slug="laicite")
    assert client.get("/api/v2/pages/?themes=laicite").status_code == 200


def test_no_cookie_is_set_and_the_response_does_not_vary_on_it(client, note, admin_user):
    client.force_login(admin_user)  # a visitor who also happens to be an editor
    client.cookies["csrftoken"] = "x" * 32
    for url in ("/api/v2/pages/", "/api/v2/documents/", f"/api/v2/pages/{note.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies
        assert "Set-Cookie" not in response
        vary = response.get("Vary", "").lower()
        assert "cookie" not in vary
        assert "accept-language" not in vary


def test_browser_accept_header_still_gets_json(client, note):
    response = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*")
    assert response["Content-Type"] == "application/json"
    assert client.get("/api/v2/pages/")["Content-Type"] == "application/json"


def test_cors_allows_only_the_configured_origins(note, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://www.reseau-reci.org"]
    client = Client()
    allowed = client.get("/api/v2/pages/", HTTP_ORIGIN="https://www.reseau-reci.org")
    assert allowed["Access-Control-Allow-Origin"] == "https://www.reseau-reci.org"
    assert "origin" in allowed["Vary"].lower()
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options(
        "/api/v2/pages/",
        HTTP_ORIGIN="https://www.reseau-reci.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight["Access-Control-Allow-Origin"] == "https://www.reseau-reci.org"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    admin = client.get("/admin/login/", HTTP_ORIGIN="https://www.reseau-reci.org")
    assert "Access-Control-Allow-Origin" not in admin


def test_cors_origins_come_from_the_environment(monkeypatch):
    import importlib

    from config.settings import base

    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://a.example, https://b.example")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.CORS_ALLOWED_ORIGINS == ["https://a.example", "https://b.example"]
    finally:
        monkeypatch.delenv("CORS_ALLOWED_ORIGINS")
        importlib.reload(base)


def test_an_answer_from_the_cache_is_the_first_answer_with_its_length(client, note):
    first = client.get("/api/v2/pages/?fields=*")
    again = client.get("/api/v2/pages/?fields=*")
    assert again.content == first.content
    assert again["Content-Length"] == first["Content-Length"] == str(len(first.content))
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]
    assert again["Cache-Control"] == first["Cache-Control"]


def test_every_client_gets_the_same_compact_json(client, note):
    plain = client.get("/api/v2/pages/?fields=*")
    pretty = client.get("/api/v2/pages/?fields=*", HTTP_ACCEPT="application/json; indent=4")
    assert pretty.content == plain.content
    assert b"\n" not in plain.content
    assert "Point de vue sur… la laïcité" in [item["title"] for item in plain.json()["items"]]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="no Redis server (REDIS_URL)")
def test_with_redis_the_responses_are_kept_in_redis(client, note):
    """.ci/run starts Redis: the cache tests above then run against it, as in production."""
    import redis
    from django.core.cache import cache

    assert type(cache._cache).__name__ == "RedisCacheClient"
    server = redis.Redis.from_url(cache._cache._servers[0])
    before = set(server.keys())
    assert titles(client) == ["Point de vue sur… la laïcité"]
    assert any(b"api" in key for key in set(server.keys()) - before)
    assert titles(client) == ["Point de vue sur… la laïcité"]
