"""`manage.py search_index_drift`: reports, then repairs, what the search lost."""

from io import StringIO

import pytest
from django.core.management import call_command

from search.models import SearchRecord

pytestmark = pytest.mark.django_db


def drift(*args) -> str:
    out = StringIO()
    call_command("search_index_drift", *args, stdout=out)
    return out.getvalue()


def test_clean_index_reports_no_drift(corpus):
    assert "Aucune dérive" in drift()


def test_lost_records_are_reported_per_type_then_repaired(client, corpus):
    SearchRecord.objects.filter(source="search_testapp.notice").delete()
    assert client.get("/api/v2/search/", {"q": "discriminations"}).json()["total"] == 1

    report = drift()
    assert "search_testapp.notice [records] : 2 manquant(s), 0 périmé(s)" in report
    assert "search_testapp.searcharticlepage [records] : ok" in report

    drift("--repair")
    assert "Aucune dérive" in drift()
    assert client.get("/api/v2/search/", {"q": "discriminations"}).json()["total"] == 2


def test_records_of_objects_no_longer_public_are_stale(client, corpus):
    from tests.search_testapp.models import Notice

    # A change that bypasses the signals (a bulk update).
    Notice.objects.filter(pk=corpus["notice_ecole"].pk).update(live=False)
    assert "search_testapp.notice [records] : 0 manquant(s), 1 périmé(s)" in drift()
    drift("--repair")
    assert client.get("/api/v2/search/", {"q": "école"}).json()["total"] == 0


def test_a_record_without_its_facets_pair_is_stale_then_repaired(client, corpus):
    """A record written around `search.indexing` (a bulk update) loses its (themes,
    organisations) pair: the drift check reports it and the repair writes it again."""
    SearchRecord.objects.filter(title__startswith="Mixité sociale").update(facet_set=None)
    assert "search_testapp.searcharticlepage [records] : 0 manquant(s), 1 périmé(s)" in drift()
    drift("--repair")
    assert "Aucune dérive" in drift()
    answer = client.get("/api/v2/search/", {"q": "logement"}).json()
    themes = {entry["value"]: entry["count"] for entry in answer["facets"]["theme"]}
    assert themes["logement"] == 3  # the two records and the theme's own
