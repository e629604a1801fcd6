"""SQLite: the full-text match runs once per search, into a per-connection temporary table."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from search import service
from search.models import SearchRecord
from search.sqlite import MATCH_TABLE
from tests.factories import ThemeFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's materialised match"),
]


def run(query: str, **filters: str | list[str]) -> dict:
    data = QueryDict(mutable=True)
    data["q"] = query
    for name, values in filters.items():
        data.setlist(name, values if isinstance(values, list) else [values])
    return service.search(service.parse_params(data))


def upstream_answer(query: str, params: service.SearchParams) -> tuple:
    """The total, facets and page computed over Wagtail's lazy querysets (the match repeated
    in every query), as before the match was materialised."""
    backend = service._database_backend()
    records = SearchRecord.objects.all()
    scored = backend.search(query, records, operator="and").annotate_score("_score")
    unscored = backend.search(query, records, operator="and", order_by_relevance=False)
    total, facets, page = service._counts_and_page(
        scored.get_queryset(), unscored.get_queryset().order_by(), "_score", params
    )
    return total, facets, [record.title for record in page]


@pytest.fixture
def more_notices(corpus, publish_notice):
    """Notices sharing words, themes and years with the corpus, so facets have several values."""
    integration = ThemeFactory(slug="integration", name="Intégration")
    logement = corpus["notice_discrimination"].themes.get()
    for i, (year, kind, themes) in enumerate(
        [
            (2014, "article", [logement]),
            (2016, "rapport", [logement, integration]),
            (2016, "ouvrage", [integration]),
            (2020, "rapport", []),
        ]
    ):
        publish_notice(
            f"Logement et intégration des primo-arrivants, volume {i}",
            "Discriminations dans l'accès au logement.",
            year=year,
            kind=kind,
            themes=themes,
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"theme": "logement"},
        {"year": ["2014", "2016"]},
        {"type": "search_testapp.Notice", "theme": ["logement", "integration"]},
        {"reference_type": "Rapport", "year": "2016"},
        {"region": "84"},
    ],
)
@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_total_facets_and_page_are_those_of_the_repeated_match(more_notices, filters, sort):
    for query in ("logement", "discriminations", "logement intégration", "laïcité"):
        data = run(query, sort=sort, page_size="3", **filters)
        params = service.parse_params(QueryDict(f"q={query}&sort={sort}&page_size=3"))
        params.filters = {k: v if isinstance(v, list) else [v] for k, v in filters.items()}
        total, facets, titles = upstream_answer(query, params)
        assert data["total"] == total
        assert data["facets"] == facets
        assert [result["title"] for result in data["results"]] == titles


def counts(data: dict, name: str) -> dict[str, int]:
    return {item["value"]: item["count"] for item in data["facets"][name]}


@pytest.mark.django_db
def test_a_facet_filter_narrows_the_other_facets_only(more_notices):
    everything = run("logement")
    narrowed = run("logement", theme="integration")
    assert narrowed["total"] == 2 < everything["total"]
    # The theme facet itself still offers every theme of the unfiltered results.
    assert counts(narrowed, "theme") == counts(everything, "theme")
    assert counts(narrowed, "year") == {"2016": 2}
    assert counts(everything, "year") != counts(narrowed, "year")


@pytest.mark.django_db
def test_the_full_text_match_runs_once_per_search(more_notices):
    with CaptureQueriesContext(connection) as queries:
        data = run("logement", theme="logement", year="2014")
    assert data["total"] == 2
    assert sum(" MATCH " in query["sql"] for query in queries.captured_queries) == 1


def matches_left() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM temp.{MATCH_TABLE}")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_no_match_is_left_behind_even_when_the_search_fails(more_notices, monkeypatch):
    run("logement")
    assert matches_left() == 0

    def broken(*args, **kwargs):
        raise RuntimeError("facets failed")

    monkeypatch.setattr(service, "facet_counts", broken)
    with pytest.raises(RuntimeError):
        run("logement")
    assert matches_left() == 0
    monkeypatch.undo()
    assert [r["title"] for r in run("école")["results"]] == [
        "Réussite à l'école et origine migratoire"
    ]


# Committed data, seen by the threads' own connections; the site is restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_searches_in_parallel_threads_each_get_their_own_results(more_notices):
    queries = ["logement", "laïcité", "école", "discriminations"] * 3
    expected = {query: run(query) for query in set(queries)}

    def search_in_thread(query: str) -> dict:
        try:
            return run(query)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(search_in_thread, queries))
    for query, result in zip(queries, results, strict=True):
        assert result == expected[query], differences(result, expected[query])
    assert {len(result["results"]) for result in results} != {0}


def differences(got: dict, expected: dict) -> str:
    """What differs, key by key and result by result: the whole answers are too long to read
    in a failure message (this test has failed once in a while on a loaded machine)."""
    lines = [
        f"{key}: {got.get(key)!r} != {value!r}"
        for key, value in expected.items()
        if key != "results" and got.get(key) != value
    ]
    for number, (mine, theirs) in enumerate(zip(got["results"], expected["results"], strict=False)):
        lines += [
            f"results[{number}].{key}: {mine.get(key)!r} != {value!r}"
            for key, value in theirs.items()
            if mine.get(key) != value
        ]
    if len(got["results"]) != len(expected["results"]):
        lines.append(f"{len(got['results'])} results != {len(expected['results'])}")
    return "\n".join(lines)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["log", "logement int", "disc", "laïc", "zzz"])
def test_suggestions_are_those_of_the_backend_autocomplete_with_one_match(more_notices, typed):
    backend = service._database_backend()
    expected = [
        record.title
        for record in backend.autocomplete(typed, SearchRecord.objects.all())[
            : service.SUGGEST_LIMIT
        ]
    ]
    with CaptureQueriesContext(connection) as queries:
        suggestions = service.suggest(typed)["suggestions"]
    assert [suggestion["title"] for suggestion in suggestions] == expected
    assert sum(" MATCH " in query["sql"] for query in queries.captured_queries) == 1
    if typed == "log":
        assert len(suggestions) == 7  # the theme, two corpus titles, four volumes


@pytest.mark.django_db
def test_indexing_records_again_rewrites_their_entries_and_adds_the_new_ones(more_notices):
    backend = service._database_backend()
    index = backend.get_index_for_model(SearchRecord)
    records = list(SearchRecord.objects.filter(title__contains="volume").order_by("pk"))
    assert len(records) == 4
    for record in records[:3]:
        record.title = record.title.replace("Logement", "Hébergement d'urgence")
    index.entries.filter(object_id=str(records[3].pk)).delete()  # never indexed, say
    backend.add_bulk(SearchRecord, records)
    with CaptureQueriesContext(connection) as queries:
        backend.add_bulk(SearchRecord, records)  # again: still one entry per record
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1  # the four entries in one statement, not one each
    assert run("hébergement")["total"] == 3
    assert run("volume 3")["total"] == 1  # the new entry
    entries = index.entries.filter(object_id__in=[str(r.pk) for r in records])
    titles = sorted(entry.title for entry in entries)  # stored analysed: stems
    assert titles == [f"heberg urgenc integr primo arriv volum {i}" for i in range(3)] + [
        "log integr primo arriv volum 3"
    ]
