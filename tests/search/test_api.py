"""The search API over the test app's pages and notices, on the database backend."""

import pytest
from django.db import connection
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def get(client, **params):
    return client.get("/api/v2/search/", params)


def titles(response) -> list[str]:
    return [result["title"] for result in response.json()["results"]]


def test_finds_pages_and_notices_together_with_french_analysis(client, corpus):
    response = get(client, q="discrimination")
    assert response.status_code == 200
    data = response.json()
    assert data["backend"] == "database"
    assert set(titles(response)) == {
        "Les discriminations liées à l'origine dans le logement",
        "Mixité sociale et logement",
    }
    # A title match ranks above a body match.
    assert titles(response)[0] == "Les discriminations liées à l'origine dans le logement"
    assert "<mark>discriminations</mark>" in data["results"][0]["title_html"]


@pytest.mark.parametrize("query", ["laicite", "LAÏCITÉ", "Laïcités"])
def test_accents_and_case_do_not_matter(client, corpus, query):
    assert "La laïcité au service du lien social" in titles(get(client, q=query))


def test_elision_is_removed(client, corpus):
    assert titles(get(client, q="l'école")) == ["Réussite à l'école et origine migratoire"]


def test_stopwords_alone_match_nothing(client, corpus):
    data = get(client, q="le la les de des").json()
    assert data["total"] == 0
    assert data["results"] == []


def test_snippet_highlights_the_inflected_word(client, corpus):
    data = get(client, q="discrimination", type="search_testapp.Notice").json()
    assert (
        data["results"][0]["snippet"] == "Un état des savoirs sur les <mark>discriminations</mark>."
    )


def test_result_carries_type_url_date_and_themes(client, corpus):
    data = get(client, q="laïcité service").json()
    result = data["results"][0]
    assert result["type"] == "search_testapp.SearchArticlePage"
    assert result["type_label"] == "Article"
    assert result["url"] == corpus["laicite_page"].url
    assert result["date"] == "2016-12-01"
    assert result["themes"] == [{"slug": "laicite", "name": "Laïcité"}]


def facet(data, name) -> dict[str, int]:
    return {item["value"]: item["count"] for item in data["facets"][name]}


def test_facets_count_each_value(client, corpus):
    data = get(client, q="logement").json()
    # The « Logement » theme is a result of its own.
    assert data["total"] == 3
    assert facet(data, "type") == {
        "search_testapp.SearchArticlePage": 1,
        "search_testapp.Notice": 1,
        "core.Theme": 1,
    }
    assert facet(data, "theme") == {"logement": 3}
    assert facet(data, "year") == {"2020": 1, "2014": 1}
    assert facet(data, "region") == {"84": 1}
    assert facet(data, "reference_type") == {"Rapport": 1}


def test_a_filter_narrows_the_other_facets_but_keeps_its_own_alternatives(client, corpus):
    unfiltered = get(client, q="logement").json()
    data = get(client, q="logement", type="search_testapp.Notice").json()
    assert unfiltered["total"] == 3
    assert data["total"] == 1
    assert titles_of(data) == ["Les discriminations liées à l'origine dans le logement"]
    # Its own facet still offers the other types.
    assert facet(data, "type") == facet(unfiltered, "type")
    assert [item["selected"] for item in data["facets"]["type"]].count(True) == 1
    # The other facets only count the notice.
    assert facet(data, "year") == {"2014": 1}
    assert facet(data, "region") == {}
    assert facet(data, "theme") == {"logement": 1}
    assert data["filters"] == {"type": ["search_testapp.Notice"]}


def titles_of(data) -> list[str]:
    return [result["title"] for result in data["results"]]


def test_filters_by_theme_year_organisation_and_region(client, corpus):
    assert titles(get(client, q="laïcité", theme="logement")) == ["Mixité sociale et logement"]
    assert titles(
        get(client, q="laïcité", year="2016", type="search_testapp.SearchArticlePage")
    ) == ["La laïcité au service du lien social"]
    assert titles(get(client, q="laïcité", organisation="ORIV")) == [
        "La laïcité au service du lien social"
    ]
    assert titles(get(client, q="laïcité", region="84")) == ["Mixité sociale et logement"]


def test_sort_by_date_puts_recent_first(client, corpus):
    assert titles(get(client, q="laïcité", sort="date"))[0] == "Mixité sociale et logement"


def test_pagination(client, corpus):
    first = get(client, q="laïcité", page_size=2).json()
    second = get(client, q="laïcité", page_size=2, page=2).json()
    assert first["num_pages"] == 2
    assert len(first["results"]) == 2
    assert len(second["results"]) == 1
    assert not {r["title"] for r in first["results"]} & {r["title"] for r in second["results"]}


def test_unpublished_and_draft_content_is_not_found(client, corpus, publish_notice):
    corpus["laicite_page"].unpublish()
    corpus["notice_ecole"].live = False
    corpus["notice_ecole"].save()
    from tests.factories.search import NoticeFactory

    NoticeFactory(title="Brouillon sur la laïcité", live=False)
    assert set(titles(get(client, q="laïcité"))) == {"Mixité sociale et logement", "Laïcité"}


def test_deleted_content_leaves_the_search(client, corpus):
    corpus["notice_discrimination"].delete()
    assert titles(get(client, q="discriminations")) == ["Mixité sociale et logement"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "?!… ;"},
        {"q": "laïcité", "theme": "inconnu"},
        {"q": "laïcité", "page": "999"},
        {"q": "x" * 10_000},
    ],
)
def test_odd_input_gives_an_empty_result(client, corpus, params):
    response = get(client, **params)
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_very_long_query_is_truncated(client, corpus):
    response = get(client, q="laïcité " * 1500)
    assert response.status_code == 200
    assert len(response.json()["query"]) <= 200
    assert "La laïcité au service du lien social" in titles(response)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "laïcité", "colour": "red"},
        {"q": "laïcité", "page": "abc"},
        {"q": "laïcité", "page": "0"},
        {"q": "laïcité", "year": "deux mille"},
        {"q": "laïcité", "sort": "title"},
        {"q": "laïcité", "page_size": "1000"},
        {"q": "la\x00ïcité"},  # PostgreSQL refuses NUL in text (was a 500 there)
        {"q": "laïcité", "theme": "\x00"},
    ],
)
def test_bad_parameters_give_400_with_a_message(client, corpus, params):
    response = get(client, **params)
    assert response.status_code == 400
    assert response.json()["message"]


def test_suggest_from_the_third_character(client, corpus):
    assert client.get("/api/v2/search/suggest/", {"q": "la"}).json()["suggestions"] == []
    data = client.get("/api/v2/search/suggest/", {"q": "laic"}).json()
    assert {s["title"] for s in data["suggestions"]} == {
        "La laïcité au service du lien social",
        "Laïcité",
    }
    data = client.get("/api/v2/search/suggest/", {"q": "mixité soc"}).json()
    assert [s["title"] for s in data["suggestions"]] == ["Mixité sociale et logement"]


def test_suggest_rejects_unknown_parameters(client, corpus):
    response = client.get("/api/v2/search/suggest/", {"q": "laic", "x": "1"})
    assert response.status_code == 400
    assert client.get("/api/v2/search/suggest/", {"q": "lai\x00c"}).status_code == 400


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's one-query facets")
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"theme": ["logement"]},
        {"type": ["search_testapp.Notice"], "year": ["2014", "2016"]},
        {"organisation": ["ORIV"], "region": ["44"]},
        {"reference_type": ["Rapport"], "theme": ["laicite", "logement"]},
    ],
)
def test_postgres_one_query_facets_agree_with_the_generic_counts(corpus, filters):
    from search import postgres, service

    q = "logement laïcité discriminations école"
    for words in (q.split()[:1], q.split()[1:2], ["discriminations"]):
        query = " ".join(words)
        generic = service.facet_counts(postgres.matching(query), filters)
        total = service.apply_filters(postgres.matching(query), filters).count()
        assert service.postgres_search(query, filters)[:2] == (total, generic)


def test_types_are_named_as_the_pages_api_names_them_in_any_case(client, corpus):
    pages = client.get("/api/v2/pages/", {"type": "search_testapp.SearchArticlePage"})
    assert pages.status_code == 200
    for spelling in ("search_testapp.SearchArticlePage", "SEARCH_TESTAPP.searcharticlepage"):
        data = get(client, q="laïcité", type=spelling).json()
        assert data["filters"] == {"type": ["search_testapp.SearchArticlePage"]}
        assert {r["type"] for r in data["results"]} == {"search_testapp.SearchArticlePage"}
        selected = [f["value"] for f in data["facets"]["type"] if f["selected"]]
        assert selected == ["search_testapp.SearchArticlePage"]


def test_an_unknown_type_is_a_400_naming_the_valid_ones(client, corpus):
    response = get(client, q="laïcité", type="search_testapp.Nowhere")
    assert response.status_code == 400
    message = response.json()["message"]
    assert "search_testapp.Nowhere" in message
    assert "search_testapp.SearchArticlePage" in message
    assert "core.Theme" in message


def test_a_theme_result_links_to_its_listing(client, corpus):
    data = get(client, q="laïcité", type="core.Theme").json()
    theme = data["results"][0]
    assert theme["url"] == f"/recherche/?theme={theme['themes'][0]['slug']}"
    listing = client.get(theme["url"])
    assert listing.status_code == 200
    api = get(client, theme=theme["themes"][0]["slug"]).json()
    assert api["total"] >= 2  # the theme itself and the content filed under it
    assert all(theme["themes"][0] in result["themes"] for result in api["results"])
    # The page lists what the API does (a title with an apostrophe comes out as `&#x27;`).
    assert escape(api["results"][0]["title"]) in listing.content.decode()
