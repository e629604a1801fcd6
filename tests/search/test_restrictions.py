"""Restricted pages stay out of search: the API, suggestions, facets and the search page."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories.search import SearchArticlePageFactory

pytestmark = pytest.mark.django_db


def found(client, q: str) -> list[str]:
    response = client.get("/api/v2/search/", {"q": q})
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]


def suggested(client, q: str) -> list[str]:
    response = client.get("/api/v2/search/suggest/", {"q": q})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["suggestions"]]


def type_counts(client, q: str) -> dict[str, int]:
    facets = client.get("/api/v2/search/", {"q": q}).json()["facets"]
    return {item["value"]: item["count"] for item in facets["type"]}


@pytest.fixture
def section(home_page):
    """A published section with a published child page."""
    section = SearchArticlePageFactory.build(title="Espace des membres", body="<p>Réseau</p>")
    home_page.add_child(instance=section)
    section.save_revision().publish()
    child = SearchArticlePageFactory.build(
        title="Compte rendu confidentiel de la réunion", body="<p>Laïcité et logement.</p>"
    )
    section.add_child(instance=child)
    child.save_revision().publish()
    return section


@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "secret"},
        {"restriction_type": PageViewRestriction.LOGIN},
    ],
    ids=["password", "login"],
)
def test_a_restricted_section_leaves_search_with_its_children_and_comes_back(
    client, section, restriction
):
    assert found(client, "confidentiel") == ["Compte rendu confidentiel de la réunion"]
    assert suggested(client, "Compte rendu") == ["Compte rendu confidentiel de la réunion"]
    assert type_counts(client, "réunion")["search_testapp.SearchArticlePage"] == 1

    limit = PageViewRestriction.objects.create(page=section, **restriction)
    assert found(client, "confidentiel") == []
    assert found(client, "membres") == []
    assert suggested(client, "Compte rendu") == []
    assert "search_testapp.SearchArticlePage" not in type_counts(client, "réunion")
    html = client.get("/recherche/", {"q": "confidentiel"}).content.decode()
    assert "Compte rendu confidentiel" not in html

    limit.delete()
    assert found(client, "confidentiel") == ["Compte rendu confidentiel de la réunion"]
    assert found(client, "membres") == ["Espace des membres"]


def test_a_group_restriction_on_a_page_hides_only_that_subtree(client, section, publish_article):
    from django.contrib.auth.models import Group

    publish_article("Compte rendu public de l'assemblée", "Ouvert à tous.")
    limit = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    limit.groups.add(Group.objects.create(name="Membres"))
    assert found(client, "compte rendu") == ["Compte rendu public de l'assemblée"]


def test_a_page_moved_into_a_restricted_section_leaves_search(client, section, publish_article):
    page = publish_article("Note sur l'accueil des primo-arrivants", "Parcours.")
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert found(client, "primo-arrivants") == ["Note sur l'accueil des primo-arrivants"]
    page.move(section, pos="last-child")
    assert found(client, "primo-arrivants") == []
