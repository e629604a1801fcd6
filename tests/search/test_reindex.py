"""`manage.py rebuild_search_index`: a new index filled in a stream behind the alias, with
searches answered and writes kept all along. Against the node of `make services`."""

import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from search import reindex
from search.models import SearchRecord
from tests.search.test_elasticsearch import use_server
from tests.search.test_opensearch_french import engine

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not engine()[1], reason="no search engine (OPENSEARCH_URL or ELASTICSEARCH_URL)"
    ),
]


@pytest.fixture
def engine_index(settings):
    """The record index as it was before aliases: a plain index under Wagtail's name."""
    prefix = f"test_{uuid.uuid4().hex[:8]}_"
    use_server(settings, *engine(), prefix=prefix)
    backend = get_search_backend("default")
    index = backend.get_index_for_model(SearchRecord)
    index.put()
    index.add_model(SearchRecord)
    yield backend, index
    backend.es.indices.delete(index=f"{prefix}*")


def titles(client, q: str) -> list[str]:
    data = client.get("/api/v2/search/", {"q": q}).json()
    assert data["backend"] == "elasticsearch"
    return [result["title"] for result in data["results"]]


def test_the_rebuild_puts_the_index_behind_an_alias_and_reports(client, engine_index, corpus):
    backend, index = engine_index
    out, err = StringIO(), StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=err)
    first = reindex.aliased_indices(backend, index.name)
    assert len(first) == 1 and first[0].startswith(index.name + "_")
    records = SearchRecord.objects.count()
    assert f"{records} fiches indexées" in out.getvalue()
    assert f"{records}/{records}" in err.getvalue()  # the progress bar went to the end
    assert "La laïcité au service du lien social" in titles(client, "laïcité")

    call_command("rebuild_search_index", stdout=StringIO(), stderr=StringIO())
    second = reindex.aliased_indices(backend, index.name)
    assert len(second) == 1 and second != first
    assert not backend.es.indices.exists(index=first[0])  # the old index is dropped
    assert "La laïcité au service du lien social" in titles(client, "laïcité")


def test_searches_answer_and_writes_are_kept_during_the_rebuild(
    client, engine_index, corpus, publish_article
):
    backend, index = engine_index
    reindex.rebuild(backend)
    seen_during = []

    def meanwhile(_count: int) -> None:
        if seen_during:
            return
        # After the records were read, before the swap: the old index answers; an editor
        # publishes, another content goes.
        seen_during.append(titles(client, "logement"))
        publish_article("Habitat des travailleurs migrants", "Foyers et logement.")
        corpus["notice_discrimination"].delete()

    report = reindex.rebuild(backend, progress=meanwhile)
    assert "Mixité sociale et logement" in seen_during[0]
    assert report.caught_up >= 1 and report.removed == 1
    after = titles(client, "logement")
    assert "Habitat des travailleurs migrants" in after
    assert "Les discriminations liées à l'origine dans le logement" not in after
    assert not SearchRecord.objects.filter(index_pending=True).exists()


def test_without_an_engine_the_command_says_so(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    with pytest.raises(Exception, match="Aucun moteur de recherche configuré"):
        call_command("rebuild_search_index", stdout=StringIO(), stderr=StringIO())


def test_the_drift_check_finds_and_removes_documents_without_a_record(client, engine_index, corpus):
    """A notice withdrawn while the engine was down stays in its index: the check sees it."""
    reindex.rebuild(engine_index[0])
    notice = corpus["notice_discrimination"]
    assert notice.title in titles(client, "logement")
    type(notice).objects.filter(pk=notice.pk).update(live=False)  # as if the engine was down
    SearchRecord.objects.filter(title=notice.title).delete()
    out = StringIO()
    call_command("search_index_drift", stdout=out)
    assert "1 document(s) du moteur sans fiche" in out.getvalue()
    call_command("search_index_drift", "--repair", stdout=StringIO())
    assert notice.title not in titles(client, "logement")
    out = StringIO()
    call_command("search_index_drift", stdout=out)
    assert "Aucune dérive" in out.getvalue()
