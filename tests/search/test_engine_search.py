"""The search answered by the engine alone, past what a ranker's best 1,000 hits could give:
exact totals, every page, the date order over every match, multi-select facets, highlights.

Against the node of `make services` (OPENSEARCH_URL or ELASTICSEARCH_URL); skipped without
one, as osmem-server neither analyses French nor aggregates.
"""

import datetime
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.search.backends import get_search_backend

from core.models import Theme
from search.models import SearchRecord
from tests.factories import OrganisationFactory, ThemeFactory
from tests.search.test_elasticsearch import drop_test_indexes, use_server
from tests.search.test_opensearch_french import engine
from tests.search_testapp.models import Notice

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not engine()[1], reason="no search engine (OPENSEARCH_URL or ELASTICSEARCH_URL)"
    ),
]

RECORDS = 1_500  # more than the 1,000 hits the engine used to be asked for


@pytest.fixture
def engine_index(settings):
    use_server(settings, *engine(), prefix=f"test_{uuid.uuid4().hex[:8]}_")
    backend = get_search_backend("default")
    index = backend.get_index_for_model(SearchRecord)
    index.put()
    index.add_model(SearchRecord)
    yield backend, index
    drop_test_indexes(index)


@pytest.fixture
def many_records(engine_index):
    """1,500 notices on « intégration », one year in three 2016, themes alternating."""
    backend, index = engine_index
    laicite = ThemeFactory(slug="laicite", name="Laïcité")
    logement = ThemeFactory(slug="logement", name="Logement")
    oriv = OrganisationFactory(acronym="ORIV")
    content_type = ContentType.objects.get_for_model(Notice)
    records = SearchRecord.objects.bulk_create(
        SearchRecord(
            content_type=content_type,
            object_id=str(i),
            source="search_testapp.notice",
            title=f"Parcours d'intégration n° {i}",
            body="Accueil des primo-arrivants et apprentissage de la langue. " * 8,
            date=datetime.date(2000 + i % 21, 1 + i % 12, 1),
            year=2000 + i % 21,
            region="44" if i % 2 else "",
            theme_ids=[laicite.pk if i % 2 else logement.pk],
            organisation_ids=[oriv.pk] if i % 5 == 0 else [],
        )
        for i in range(RECORDS)
    )
    for start in range(0, len(records), 500):
        backend.add_bulk(SearchRecord, records[start : start + 500])
    index.refresh()
    return records


def search(client, **params) -> dict:
    response = client.get("/api/v2/search/", params)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["backend"] == "elasticsearch"
    return data


def test_the_total_is_exact_and_every_page_is_reachable(client, many_records):
    data = search(client, q="intégration", page_size=50)
    assert data["total"] == RECORDS
    assert data["num_pages"] == 30
    last = search(client, q="intégration", page_size=50, page=30)
    assert len(last["results"]) == 50
    assert search(client, q="intégration", page_size=50, page=31)["results"] == []
    # The deepest page accepted is still the engine's answer (past its default window).
    assert search(client, q="intégration", page_size=50, page=10_000)["results"] == []


def test_the_date_order_covers_every_match(client, many_records):
    newest = search(client, q="intégration", sort="date")["results"][0]
    oldest = search(client, q="intégration", sort="date", page_size=50, page=30)["results"][-1]
    assert newest["date"] == max(r.date for r in many_records).isoformat()
    assert oldest["date"] == min(r.date for r in many_records).isoformat()


def test_facets_count_every_match_each_without_its_own_filter(client, many_records):
    in_2016 = sum(1 for r in many_records if r.year == 2016)
    data = search(client, q="intégration", year="2016")
    assert data["total"] == in_2016
    years = {item["value"]: item for item in data["facets"]["year"]}
    # The year facet ignores the year filter: every year can still be added (multi-select)…
    assert len(years) == 21
    assert sum(item["count"] for item in years.values()) == RECORDS
    assert years["2016"]["selected"] and years["2016"]["count"] == in_2016
    # …the other facets count what the year filter leaves.
    themes = {item["value"]: item["count"] for item in data["facets"]["theme"]}
    assert sum(themes.values()) == in_2016
    assert {item["value"] for item in data["facets"]["region"]} == {"44"}  # blank left out

    both = search(client, q="intégration", year=["2016", "2017"], theme="laicite")
    expected = [r for r in many_records if r.year in (2016, 2017) and r.object_id[-1] in "13579"]
    assert both["total"] == len(expected)
    assert {i["value"]: i["count"] for i in both["facets"]["organisation"]} == {
        "ORIV": sum(1 for r in expected if r.organisation_ids)
    }


def test_an_unknown_theme_is_an_empty_result(client, many_records):
    data = search(client, q="intégration", theme="ornithologie")
    assert (data["total"], data["results"]) == (0, [])
    assert {item["value"] for item in data["facets"]["theme"]} == {"laicite", "logement"}


def test_facet_filters_without_words_list_what_passes_newest_first(client, many_records):
    logement = Theme.objects.get(slug="logement").pk
    data = search(client, theme="logement")
    # The notices of the theme, and the theme itself (a record of its own).
    assert data["total"] == sum(1 for r in SearchRecord.objects.all() if logement in r.theme_ids)
    assert data["total"] > 750
    dates = [r["date"] for r in data["results"]]
    assert dates == sorted(dates, reverse=True)


def test_the_engine_highlights_the_matched_words(client, many_records):
    result = search(client, q="primo-arrivants", page_size=1)["results"][0]
    assert "<mark>primo</mark>-<mark>arrivants</mark>" in result["snippet"]
    assert result["snippet"].endswith("…")  # the body goes on past the excerpt
    title = search(client, q="intégrations", page_size=1)["results"][0]["title_html"]
    assert "<mark>" in title and "intégration</mark> n°" in title


def test_a_body_repeating_the_title_is_not_repeated_in_the_snippet(client, engine_index):
    """As a theme's record (its name, then its description): the engine's fragment would start
    with the title shown just above it."""
    backend, index = engine_index
    [record] = SearchRecord.objects.bulk_create(
        [
            SearchRecord(
                content_type=ContentType.objects.get_for_model(Notice),
                object_id="1",
                source="search_testapp.notice",
                title="Laïcité",
                body="Laïcité\nLe principe de séparation, ses usages et ses malentendus.",
            )
        ]
    )
    backend.add_bulk(SearchRecord, [record])
    index.refresh()

    [result] = search(client, q="laïcité")["results"]

    assert result["title_html"] == "<mark>Laïcité</mark>"
    assert result["snippet"] == "Le principe de séparation, ses usages et ses malentendus."


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "intégration", "page": "deux"}, "page must be an integer"),
        ({"q": "intégration", "year": "16"}, "year must be a four-digit year"),
        ({"q": "intégration", "type": "Notes"}, "unknown type 'Notes'"),
        ({"q": "intégration", "sort": "popularity"}, "unknown sort 'popularity'"),
    ],
)
def test_bad_parameters_are_a_400_with_the_engine_too(client, engine_index, params, message):
    response = client.get("/api/v2/search/", params)
    assert response.status_code == 400
    assert message in response.json()["message"]
