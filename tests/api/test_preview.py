"""Headless preview: the admin's preview gives the front end a signed token for the draft."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.test import Client

from tests.factories.testapp import ArticlePageFactory

pytestmark = pytest.mark.django_db

FRONT_END = "https://www.reseau-reci.org/apercu"


@pytest.fixture
def note(home_page):
    return ArticlePageFactory(parent=home_page, title="Note publiée", slug="note")


def preview_from_admin(client, page, title: str):
    """Post the edit form to the admin's preview, then open the preview pane."""
    url = f"/admin/pages/{page.pk}/edit/preview/"
    posted = client.post(
        url,
        {
            "title": title,
            "slug": page.slug,
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
        },
    )
    assert posted.status_code == 200
    assert posted.json()["is_valid"] is True, posted.json()
    return client.get(url, {"mode": ""})


def test_admin_preview_redirects_to_the_front_end_with_a_token(admin_client, note, settings):
    settings.HEADLESS_PREVIEW_URL = FRONT_END
    response = preview_from_admin(admin_client, note, "Brouillon de la note")
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == FRONT_END
    query = parse_qs(target.query)
    assert query["content_type"] == ["testapp.articlepage"]

    anonymous = Client()  # the front end: no admin session
    draft = anonymous.get("/api/preview/", {"token": query["token"][0]})
    assert draft.status_code == 200
    data = draft.json()
    assert data["title"] == "Brouillon de la note"
    assert data["meta"]["type"] == "testapp.ArticlePage"
    assert {"date", "themes", "summary", "body"} <= set(data)
    assert draft["Cache-Control"] == "private, no-store"
    # The public API still shows the published version.
    public = anonymous.get(f"/api/v2/pages/{note.pk}/").json()
    assert public["title"] == "Note publiée"


def test_without_a_valid_token_no_draft(client, note, settings):
    settings.HEADLESS_PREVIEW_URL = FRONT_END
    assert client.get("/api/preview/").status_code == 403
    assert client.get("/api/preview/", {"token": "forged"}).status_code == 403
    forged = signing.dumps({"key": "guess"}, salt="another-salt")
    assert client.get("/api/preview/", {"token": forged}).status_code == 403
    unknown = signing.dumps({"key": "guess"}, salt="reci.headless-preview")
    response = client.get("/api/preview/", {"token": unknown})
    assert response.status_code == 403
    assert response.json()["message"]


def test_tokens_expire(admin_client, note, settings, monkeypatch):
    settings.HEADLESS_PREVIEW_URL = FRONT_END
    settings.HEADLESS_PREVIEW_TTL = 60
    response = preview_from_admin(admin_client, note, "Brouillon")
    token = parse_qs(urlsplit(response["Location"]).query)["token"][0]
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    expired = Client().get("/api/preview/", {"token": token})
    assert expired.status_code == 403
    assert "expired" in expired.json()["message"]


def test_without_a_front_end_url_wagtail_preview_stays(admin_client, note, settings):
    settings.HEADLESS_PREVIEW_URL = ""
    response = preview_from_admin(admin_client, note, "Brouillon")
    assert response.status_code == 200
    assert "Location" not in response
    assert "<h1>Brouillon</h1>" in response.content.decode()
