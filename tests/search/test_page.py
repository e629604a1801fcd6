"""The public search page, `/recherche/`."""

import pytest

pytestmark = pytest.mark.django_db


def test_search_page_lists_results_with_highlights_and_facet_links(client, corpus):
    response = client.get("/recherche/", {"q": "discrimination"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'role="search"' in html
    assert "2 résultats pour « discrimination »" in html
    assert "<mark>discriminations</mark>" in html
    assert "?q=discrimination&amp;sort=relevance&amp;page=1&amp;type=search_testapp.Notice" in html


def test_search_page_filters_through_links(client, corpus):
    response = client.get("/recherche/", {"q": "logement", "type": "search_testapp.Notice"})
    html = response.content.decode()
    assert "1 résultat pour « logement »" in html
    assert 'aria-current="true"' in html
    assert 'type="hidden" name="type" value="search_testapp.Notice"' in html


def test_search_page_without_query_shows_the_form_only(client, corpus):
    response = client.get("/recherche/")
    assert response.status_code == 200
    assert "résultat" not in response.content.decode()


def test_search_page_explains_a_bad_parameter_in_french(client, corpus):
    response = client.get("/recherche/", {"q": "logement", "page": "abc"})
    assert response.status_code == 400
    assert "doit être un nombre entier" in response.content.decode()


def test_a_page_past_the_last_leads_to_the_last(client, corpus):
    """An old link to page 5 when the results now fill one page: the last page, not an empty
    « Page 5 sur 1 » with a link back."""
    response = client.get("/recherche/", {"q": "discrimination", "page": 5})
    assert response.status_code == 302
    assert response["Location"] == "/recherche/?q=discrimination&sort=relevance&page=1"
    response = client.get("/recherche/", {"q": "introuvablemot", "page": 3}, follow=True)
    html = response.content.decode()
    assert "Page 3" not in html and "Aucun résultat" in html
