"""The Elasticsearch/OpenSearch path, against osmem-server (or a real server).

osmem-server (an in-memory OpenSearch-compatible server, started by these tests on a free
127.0.0.1 port) implements analysis only partly: these tests check the mapping, indexing on
publish/unpublish/delete, filters, facets and suggestions, not linguistic quality. With
`ELASTICSEARCH_URL` (or `OPENSEARCH_URL`) in the environment, they run against that server.
"""

import os
import socket
import threading
import time
import uuid
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from search.backends import resilient
from search.backends.elasticsearch import backend_settings
from search.models import SearchRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def server_url(request):
    for variable, kind in (
        ("ELASTICSEARCH_URL", "elasticsearch"),
        ("OPENSEARCH_URL", "opensearch"),
    ):
        if os.environ.get(variable):
            return kind, os.environ[variable]
    return "opensearch", request.getfixturevalue("osmem_url")


def use_server(
    settings, kind: str, url: str, timeout: float = 10, prefix: str = "", retry_after: float = 30
) -> None:
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": backend_settings(
            kind,
            url,
            prefix=prefix or f"test_{uuid.uuid4().hex[:8]}_",
            timeout=timeout,
            retry_after=retry_after,
        ),
        "database": {"BACKEND": "search.backends.database"},
    }


def drop_test_indexes(index) -> None:
    """The record index and every other index of the test's prefix: Wagtail's own auto-update
    creates some too (pages, themes…), which would pile up on a shared node."""
    prefix = index.name.removesuffix("sitesearch_searchrecord")
    assert prefix.startswith("test_"), prefix
    try:
        index.es.indices.delete(index=f"{prefix}*")
    except Exception:  # osmem-server may not take a wildcard: the record index at least
        index.delete()


@pytest.fixture(autouse=True)
def fresh_circuit_breakers():
    """Each test starts with every search server trusted again."""
    resilient._breakers.clear()
    yield
    resilient._breakers.clear()


@pytest.fixture
def es(settings, server_url):
    """The search server as the default backend, with the record index created."""
    use_server(settings, *server_url)
    backend = get_search_backend("default")
    index = backend.get_index_for_model(SearchRecord)
    index.put()
    index.add_model(SearchRecord)
    yield backend, index
    drop_test_indexes(index)


def search(client, **params) -> dict:
    response = client.get("/api/v2/search/", params)
    assert response.status_code == 200
    return response.json()


def test_mapping_uses_the_french_analyzer(es):
    backend, index = es
    settings = backend.es.indices.get_settings(index=index.name)
    analysis = next(iter(settings.values()))["settings"]["index"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["tokenizer"] == "standard"
    assert list(default["filter"]) == [
        "french_elision",
        "lowercase",
        "asciifolding",
        "french_stop",
        "french_stemmer",
    ]
    mapping = next(iter(backend.es.indices.get_mapping(index=index.name).values()))
    properties = mapping["mappings"]["properties"]
    assert properties["title"]["type"] == "text"
    assert "analyzer" not in properties["title"]  # so the default (French) analyzer applies


def test_full_text_queries_count_every_field_not_only_the_best(es):
    backend, _index = es
    query = backend.search("laïcité", SearchRecord.objects.all(), operator="and")
    multi_match = query.query_compiler.get_inner_query()["multi_match"]
    assert multi_match["tie_breaker"] == resilient.TIE_BREAKER
    assert multi_match["operator"] == "and"


def test_publish_unpublish_and_delete_reach_the_index(client, es, corpus):
    backend, index = es
    index.refresh()
    data = search(client, q="logement")
    assert data["backend"] == "elasticsearch"
    assert "Mixité sociale et logement" in [r["title"] for r in data["results"]]

    corpus["logement_page"].unpublish()
    corpus["notice_discrimination"].delete()
    index.refresh()
    titles = [r["title"] for r in search(client, q="logement")["results"]]
    assert "Mixité sociale et logement" not in titles
    assert "Les discriminations liées à l'origine dans le logement" not in titles


def test_filters_and_facets_on_the_server_results(client, es, corpus):
    _backend, index = es
    index.refresh()
    data = search(client, q="logement", type="search_testapp.Notice")
    assert [r["title"] for r in data["results"]] == [
        "Les discriminations liées à l'origine dans le logement"
    ]
    types = {item["value"]: item["count"] for item in data["facets"]["type"]}
    assert types["search_testapp.Notice"] == 1
    assert types["search_testapp.SearchArticlePage"] == 1
    assert {item["value"] for item in data["facets"]["year"]} == {"2014"}


def test_a_query_the_server_does_not_find_is_an_empty_result(client, es, corpus):
    _backend, index = es
    index.refresh()
    data = search(client, q="ornithologie")
    assert (data["backend"], data["total"], data["results"]) == ("elasticsearch", 0, [])


def test_suggestions_from_the_server(client, es, corpus):
    _backend, index = es
    index.refresh()
    data = client.get("/api/v2/search/suggest/", {"q": "Mixi"}).json()
    assert data["backend"] == "elasticsearch"
    assert "Mixité sociale et logement" in [s["title"] for s in data["suggestions"]]


# --- when the server fails ---------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def hanging_server():
    """A socket that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(1)
    for conn in accepted:
        conn.close()
    listener.close()


@pytest.mark.parametrize("failure", ["down", "hanging"])
def test_publishing_survives_a_failed_server_and_search_falls_back(
    client, settings, publish_article, failure, request
):
    if failure == "down":
        url = f"http://127.0.0.1:{closed_port()}"
    else:
        url = request.getfixturevalue("hanging_server")
    use_server(settings, "opensearch", url, timeout=0.3)

    started = time.monotonic()
    page = publish_article("Accueil des primo-arrivants", "Parcours d'intégration.")
    assert time.monotonic() - started < 2

    record = SearchRecord.objects.get(object_id=str(page.pk))
    assert record.index_pending
    data = search(client, q="primo-arrivants")
    assert data["backend"] == "database"
    assert [r["title"] for r in data["results"]] == ["Accueil des primo-arrivants"]


class FlakyProxy:
    """A TCP proxy in front of the search server that hangs (accepts, never answers) or not."""

    def __init__(self, target_url: str) -> None:
        target = urlsplit(target_url)
        self.target = (target.hostname, target.port)
        self.hanging = True
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.listener.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.sockets: list[socket.socket] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn = self.listener.accept()[0]
            except OSError:
                continue
            self.sockets.append(conn)
            if not self.hanging:
                upstream = socket.create_connection(self.target)
                self.sockets.append(upstream)
                for a, b in ((conn, upstream), (upstream, conn)):
                    threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, destination: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                destination.sendall(data)
        except OSError:
            pass
        finally:
            destination.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(1)
        for sock in self.sockets:
            sock.close()
        self.listener.close()


def test_a_hanging_server_trips_the_breaker_and_indexing_resumes_after_the_cool_down(
    client, settings, server_url, publish_article
):
    """Production timeout (1 s): one publish waits at most one timeout, not one per call."""
    kind, url = server_url
    prefix = f"test_{uuid.uuid4().hex[:8]}_"
    use_server(settings, kind, url, prefix=prefix)
    server = get_search_backend("default")
    index = server.get_index_for_model(SearchRecord)
    index.put()
    index.add_model(SearchRecord)
    publish_article("Mixité sociale", "Logement.")  # warm-up: first-use costs of the process
    proxy = FlakyProxy(url)
    try:
        use_server(settings, kind, proxy.url, timeout=1, prefix=prefix, retry_after=3)
        first = publish_article("Accueil des primo-arrivants", "Parcours d'intégration.")
        # One call went to the hanging server and waited out its timeout (1 s); the breaker
        # then failed every other call of the publish at once, without asking the server.
        # (Counting connections, not seconds: a timed check fails on a loaded machine.)
        assert len(proxy.sockets) == 1
        second = publish_article("Ateliers sociolinguistiques", "Apprentissage du français.")
        assert len(proxy.sockets) == 1  # the breaker is open: the server is not asked
        assert SearchRecord.objects.get(object_id=str(first.pk)).index_pending
        assert SearchRecord.objects.get(object_id=str(second.pk)).index_pending

        data = search(client, q="primo-arrivants")
        assert len(proxy.sockets) == 1
        assert data["backend"] == "database"
        assert [r["title"] for r in data["results"]] == ["Accueil des primo-arrivants"]

        proxy.hanging = False  # the server is back; the breaker still refuses until the end
        assert search(client, q="primo-arrivants")["backend"] == "database"
        time.sleep(3.2)
        third = publish_article("Valeurs de la République", "Citoyenneté.")
        assert not SearchRecord.objects.get(object_id=str(third.pk)).index_pending
        call_command("search_index_drift", "--repair", stdout=StringIO())
        assert not SearchRecord.objects.filter(index_pending=True).exists()
        index.refresh()
        data = search(client, q="primo-arrivants")
        assert data["backend"] == "elasticsearch"
        assert [r["title"] for r in data["results"]] == ["Accueil des primo-arrivants"]
    finally:
        proxy.close()
        drop_test_indexes(index)


def test_the_drift_command_catches_up_once_the_server_is_back(client, settings, server_url):
    from io import StringIO

    from django.core.management import call_command

    from tests.factories.search import SearchArticlePageFactory

    use_server(settings, "opensearch", f"http://127.0.0.1:{closed_port()}", timeout=0.3)
    from wagtail.models import Page

    page = SearchArticlePageFactory.build(
        title="Valeurs de la République", body="<p>Citoyenneté</p>"
    )
    Page.get_first_root_node().add_child(instance=page)
    page.save_revision().publish()
    assert SearchRecord.objects.get(object_id=str(page.pk)).index_pending

    use_server(settings, *server_url)
    backend = get_search_backend("default")
    index = backend.get_index_for_model(SearchRecord)
    index.put()
    index.add_model(SearchRecord)
    try:
        out = StringIO()
        call_command("search_index_drift", stdout=out)
        assert (
            "search_testapp.searcharticlepage [default] : 1 manquant(s), 1 périmé(s)"
            in out.getvalue()
        )
        call_command("search_index_drift", "--repair", stdout=StringIO())
        index.refresh()
        assert not SearchRecord.objects.get(object_id=str(page.pk)).index_pending
        data = search(client, q="République")
        assert data["backend"] == "elasticsearch"
        assert [r["title"] for r in data["results"]] == ["Valeurs de la République"]
    finally:
        drop_test_indexes(index)
