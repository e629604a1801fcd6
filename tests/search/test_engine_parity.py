"""The same totals and facet counts from the engine as from the database, over the demo.

The judged French queries (tests/search/test_demo_queries.py) and broad ones, with and without
facet filters, answered once by the engine (`search.engine`: one request, aggregations) and
once by the database (SQLite FTS5 or PostgreSQL, whichever the suite runs on). CI runs this
file on SQLite and on PostgreSQL against the same node, so the three agree. Ranking may differ
(see the README's search section): only the set of matches, its size and its facets are
compared, and the pages of a date-ordered listing.

Both sides use Snowball's French stemmer, but not the same release: PostgreSQL and the engine
(Lucene) stem « françaises » to « francais », Python's snowballstemmer 3 (SQLite) to « franc ».
A query whose words the two sides stem differently cannot match the same records; it is left
out of the comparison (and counted: the others must be the great majority).
"""

import uuid

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from search import french, postgres
from search.models import SearchRecord
from tests.search.test_demo_queries import DEMO_QUERIES
from tests.search.test_elasticsearch import drop_test_indexes, use_server
from tests.search.test_opensearch_french import engine, fill

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not engine()[1], reason="no search engine (OPENSEARCH_URL or ELASTICSEARCH_URL)"
    ),
]

BROAD = ["intégration", "discriminations", "laïcité", "logement", "politique de la ville"]
FILTERED = [
    {"q": "discriminations", "theme": "discriminations-logement"},
    {"q": "intégration", "type": "bibliography.Reference"},
    {"q": "intégration", "type": ["bibliography.Reference", "publications.PressItem"]},
    {"q": "laïcité", "year": ["2016", "2015"], "type": "bibliography.Reference"},
    {"q": "discriminations", "organisation": "ORIV"},
    {"q": "logement", "reference_type": "article"},
    {"q": "intégration", "region": "44"},
    {"theme": "laicite"},
    {"type": "bibliography.Reference", "year": "2016"},
]


@pytest.fixture
def engine_index(settings):
    use_server(settings, *engine(), prefix=f"test_{uuid.uuid4().hex[:8]}_")
    index = get_search_backend("default").get_index_for_model(SearchRecord)
    index.put()
    index.add_model(SearchRecord)
    engine_settings = settings.WAGTAILSEARCH_BACKENDS
    yield index, engine_settings
    drop_test_indexes(index)


def answers(client, settings, engine_settings, params: dict) -> tuple[dict, dict]:
    """(engine's answer, database's answer) to the same request."""
    settings.WAGTAILSEARCH_BACKENDS = engine_settings
    from_engine = client.get("/api/v2/search/", params).json()
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    from_database = client.get("/api/v2/search/", params).json()
    assert (from_engine["backend"], from_database["backend"]) == ("elasticsearch", "database")
    return from_engine, from_database


def database_stems(q: str) -> list[str]:
    if postgres.is_postgres():
        with connection.cursor() as cursor:
            cursor.execute("SELECT tsvector_to_array(to_tsvector(%s, %s))", [postgres.CONFIG, q])
            return sorted(cursor.fetchone()[0])
    return sorted(set(french.analyze(q)))


def engine_stems(index, q: str) -> list[str]:
    answer = index.es.indices.analyze(index=index.name, body={"text": q})
    return sorted({token["token"] for token in answer["tokens"]})


def counted(data: dict) -> tuple[int, dict]:
    return data["total"], {
        name: sorted((item["value"], item["count"], item["selected"]) for item in items)
        for name, items in data["facets"].items()
    }


def test_totals_and_facets_agree_with_the_database(client, settings, demo_site, engine_index):
    index, engine_settings = engine_index
    fill(index)
    requests = [{"q": query} for query, _title, _type in DEMO_QUERIES]
    requests += [{"q": query} for query in BROAD] + FILTERED
    different, compared = {}, 0
    for params in requests:
        if "q" in params and engine_stems(index, params["q"]) != database_stems(params["q"]):
            continue
        compared += 1
        from_engine, from_database = answers(client, settings, engine_settings, params)
        (engine_total, engine_facets), (total, facets) = (
            counted(from_engine),
            counted(from_database),
        )
        if (engine_total, engine_facets) != (total, facets):
            different[str(params)] = {
                "total": (engine_total, total),
                **{
                    n: (engine_facets[n], facets[n])
                    for n in facets
                    if engine_facets[n] != facets[n]
                },
            }
    assert different == {}
    assert compared >= len(requests) - 2
    broad = answers(client, settings, engine_settings, {"q": "intégration"})[0]
    assert broad["total"] > 10  # a broad query: more than one page
    assert sum(item["count"] for item in broad["facets"]["type"]) == broad["total"]


def test_date_order_pages_agree_with_the_database(client, settings, demo_site, engine_index):
    """Newest first over every match, page after page: the same records on both."""
    index, engine_settings = engine_index
    fill(index)
    params = {"q": "intégration", "sort": "date", "page_size": 7}
    first, _ = answers(client, settings, engine_settings, params)
    for page in range(1, first["num_pages"] + 1):
        from_engine, from_database = answers(
            client, settings, engine_settings, {**params, "page": page}
        )
        assert [r["url"] for r in from_engine["results"]] == [
            r["url"] for r in from_database["results"]
        ]
