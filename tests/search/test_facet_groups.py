"""Facet counts and paging over the (themes, organisations) pairs of the records.

PostgreSQL counts the theme and organisation facets by grouping the matches on their pair
(`FacetSet`) and reads the window of a broad query through the date index: these tests hold
on every database backend, and pin the cases those two shortcuts must get right.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.facet_sets import pairs_by_id
from search.models import FacetSet, SearchRecord
from tests.factories import OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def search(client, **params) -> dict:
    response = client.get("/api/v2/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def counts(answer: dict, facet: str) -> dict[str, int]:
    return {entry["value"]: entry["count"] for entry in answer["facets"][facet]}


def test_records_with_the_same_themes_share_one_pair(publish_article, publish_notice):
    laicite = ThemeFactory(slug="laicite", name="Vivre ensemble")
    oriv = OrganisationFactory(acronym="ORIV")
    first = publish_article("Laïcité 1", themes=[laicite], organisations=[oriv])
    publish_article("Laïcité 2", themes=[laicite], organisations=[oriv])
    publish_notice("Laïcité 3", themes=[laicite])
    records = SearchRecord.objects.filter(title__startswith="Laïcité")
    assert records.count() == 3
    pairs = {record.facet_set_id for record in records}
    assert None not in pairs and len(pairs) == 2
    shared = SearchRecord.objects.get(object_id=str(first.pk), title="Laïcité 1").facet_set
    assert (shared.theme_ids, shared.organisation_ids) == ([laicite.pk], [oriv.pk])
    assert FacetSet.objects.count() == 2


def test_a_pair_is_read_from_the_database_once_per_process(publish_article):
    laicite = ThemeFactory(slug="laicite", name="Vivre ensemble")
    oriv = OrganisationFactory(acronym="ORIV")
    publish_article("Laïcité", themes=[laicite], organisations=[oriv])
    pair = SearchRecord.objects.get(title="Laïcité").facet_set_id
    with CaptureQueriesContext(connection) as first:
        assert pairs_by_id({pair})[pair] == ((laicite.pk,), (oriv.pk,))
    with CaptureQueriesContext(connection) as again:
        assert pairs_by_id({pair})[pair] == ((laicite.pk,), (oriv.pk,))
    assert (len(first), len(again)) == (1, 0)


def test_theme_counts_follow_a_page_whose_themes_change(client, publish_article):
    laicite = ThemeFactory(slug="laicite", name="Vivre ensemble")
    logement = ThemeFactory(slug="logement", name="Habitat")
    page = publish_article("Mixité et laïcité", themes=[laicite])
    publish_article("Laïcité à l'école", themes=[laicite])
    assert counts(search(client, q="laïcité"), "theme") == {"laicite": 2}
    page.themes.set([laicite, logement])
    page.save_revision().publish()
    answer = search(client, q="laïcité")
    assert counts(answer, "theme") == {"laicite": 2, "logement": 1}
    assert search(client, q="laïcité", theme="logement")["total"] == 1


def test_each_facet_is_narrowed_by_the_other_facets_filters_only(client, publish_article):
    """Multi-select: a theme filter narrows the structures and years, not the themes."""
    laicite = ThemeFactory(slug="laicite", name="Vivre ensemble")
    logement = ThemeFactory(slug="logement", name="Habitat")
    oriv = OrganisationFactory(acronym="ORIV")
    irev = OrganisationFactory(acronym="IREV")
    publish_article(
        "Laïcité et logement", date=datetime.date(2020, 1, 1),
        themes=[laicite, logement], organisations=[oriv],
    )  # fmt: skip
    publish_article(
        "Laïcité", date=datetime.date(2019, 1, 1), themes=[laicite], organisations=[irev]
    )
    publish_article(
        "Logement", date=datetime.date(2019, 1, 1), themes=[logement], organisations=[irev]
    )
    answer = search(client, q="laïcité logement", theme="logement", organisation="IREV")
    assert answer["total"] == 0
    answer = search(client, q="laïcité", theme="logement")
    assert answer["total"] == 1
    assert all(
        type(entry["count"]) is int for entries in answer["facets"].values() for entry in entries
    )
    assert type(answer["total"]) is int
    assert counts(answer, "theme") == {"laicite": 2, "logement": 1}
    assert counts(answer, "organisation") == {"ORIV": 1}
    assert counts(answer, "year") == {"2020": 1}
    answer = search(client, q="laïcité", organisation="IREV", year="2019")
    assert answer["total"] == 1
    assert counts(answer, "organisation") == {"IREV": 1}
    assert counts(answer, "theme") == {"laicite": 1}
    assert counts(answer, "year") == {"2019": 1}


def test_the_most_recent_title_matches_make_the_window(client, publish_article, monkeypatch):
    """More title matches than the ranked window: the window holds the most recent of them,
    and a record with the word in its body only comes after every title match."""
    monkeypatch.setattr("search.postgres.RANK_WINDOW", 3)
    publish_article("Quartiers", "Le logement.", date=datetime.date(2024, 1, 1))
    for year in (2012, 2019, 2015, 2021, 2010):
        publish_article(f"Logement {year}", "Bref.", date=datetime.date(year, 1, 1))
    titles = [
        r["title"]
        for page in (1, 2, 3)
        for r in search(client, q="logement", page_size=2, page=page)["results"]
    ]
    assert titles[:3] == ["Logement 2021", "Logement 2019", "Logement 2015"]
    assert titles[3:] == ["Logement 2012", "Logement 2010", "Quartiers"]


def test_records_without_a_date_come_last_by_date(client, publish_article):
    """A theme's own record has no date: sorting by date lists it after the dated matches."""
    ThemeFactory(slug="logement", name="Logement")
    for year in (2012, 2019):
        publish_article(f"Logement {year}", "Bref.", date=datetime.date(year, 1, 1))
    from search.indexing import sync_source
    from search.registry import get_sources

    sync_source(get_sources()["core.theme"])
    found = [
        r["title"]
        for page in (1, 2)
        for r in search(client, q="logement", sort="date", page_size=2, page=page)["results"]
    ]
    assert found == ["Logement 2019", "Logement 2012", "Logement"]
