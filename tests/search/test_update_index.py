"""`manage.py update_index`, run every night by the timer, on the database backends."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def titles(client, q: str) -> list[str]:
    return [r["title"] for r in client.get("/api/v2/search/", {"q": q}).json()["results"]]


def test_the_nightly_rebuild_runs_and_search_still_answers(client, corpus):
    out = StringIO()
    call_command("update_index", stdout=out, stderr=StringIO())
    assert "indexed" in out.getvalue()
    assert "La laïcité au service du lien social" in titles(client, "laicite")
    assert set(titles(client, "discrimination")) == {
        "Les discriminations liées à l'origine dans le logement",
        "Mixité sociale et logement",
    }


def test_the_rebuild_drops_what_was_deleted(client, corpus):
    corpus["logement_page"].delete()
    call_command("update_index", stdout=StringIO(), stderr=StringIO())
    assert titles(client, "mixité") == []
