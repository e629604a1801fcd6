"""Every API error message is in English (as Wagtail's own, the README and most of ours), even
for a French browser; the public search page explains the same mistakes in French."""

import pytest

from tests.factories.testapp import ArticlePageFactory

pytestmark = pytest.mark.django_db

BAD_REQUESTS = [
    "/api/v2/pages/?type=testapp.ArticlePage&date=2016-13-45",
    "/api/v2/pages/?year=deux-mille",
    "/api/v2/pages/?fields=" + "title(" * 9 + "title" + ")" * 9,
    "/api/v2/themes/?colour=blue",
    "/api/v2/references/?style=nope",
    "/api/v2/toolkit-tools/?toolkit=abc",
    "/api/v2/search/?q=laïcité&page=x",
    "/api/v2/search/?q=laïcité&page=0",
    "/api/v2/search/?q=laïcité&sort=nope",
    "/api/v2/search/?q=laïcité&year=deux",
    "/api/v2/search/?q=laïcité&type=nothing.Nowhere",
    "/api/v2/search/?colour=blue",
    "/api/v2/search/suggest/?colour=blue",
    "/api/v2/practices/geojson/?colour=blue",
    "/api/preview/",
]
FRENCH_MARKERS = ("«", "»", "é", "è", "à", "ê", "paramètre", " doit ", " inconnu")


@pytest.mark.parametrize("url", BAD_REQUESTS)
def test_api_errors_are_in_english_for_a_french_browser(client, home_page, url):
    ArticlePageFactory(parent=home_page)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.status_code in (400, 403)
    message = response.json()["message"]
    assert message
    assert not [marker for marker in FRENCH_MARKERS if marker in message.lower()], message


def test_the_search_page_explains_in_french(client, home_page):
    response = client.get("/recherche/", {"q": "laïcité", "sort": "nope"})
    assert response.status_code == 400
    assert "Tri inconnu « nope »" in response.content.decode()
