"""A real OpenSearch node killed in the middle of the work, then started again.

The test starts a node of its own (site/opensearch/opensearch.sh, on a free port with its own
data folder) so that the node the other tests share is never touched. Run where `make services`
has built the node (OPENSEARCH_URL set, as in .ci/run); skipped otherwise.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from search.backends import resilient
from search.models import SearchRecord
from tests.search.test_elasticsearch import drop_test_indexes, use_server

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "site" / "opensearch" / "opensearch.sh"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.environ.get("OPENSEARCH_URL"),
        reason="no OpenSearch node built here (OPENSEARCH_URL; `make services`)",
    ),
    pytest.mark.skipif(shutil.which("java") is None, reason="no Java"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Node:
    """One node of our own, started and killed through the project's script."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.env = {
            **os.environ,
            "OPENSEARCH_PORT": str(self.port),
            "OPENSEARCH_DATA": str(folder / "data"),
        }
        self.url = f"http://127.0.0.1:{self.port}"

    def script(self, action: str) -> str:
        done = subprocess.run(
            [str(SCRIPT), action], env=self.env, capture_output=True, text=True, timeout=180
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def pid(self) -> int:
        return int(self.script("pid"))

    def kill(self) -> None:
        """As a crash would: no clean shutdown."""
        pid = self.pid()
        os.kill(pid, signal.SIGKILL)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)


@pytest.fixture
def node(tmp_path):
    node = Node(tmp_path)
    node.script("start")
    yield node
    node.script("stop")


@pytest.fixture(autouse=True)
def fresh_circuit_breakers():
    resilient._breakers.clear()
    yield
    resilient._breakers.clear()


def search(client, q: str) -> dict:
    response = client.get("/api/v2/search/", {"q": q})
    assert response.status_code == 200
    return response.json()


def test_a_killed_node_loses_nothing_and_the_index_catches_up(
    client, settings, node, publish_article
):
    prefix = f"test_{uuid.uuid4().hex[:8]}_"
    # A timeout generous for a loaded machine (creating an index may take seconds): a killed
    # node refuses connections at once, it does not make anyone wait. A short cool-down.
    use_server(settings, "opensearch", node.url, timeout=10, retry_after=2, prefix=prefix)
    index = get_search_backend("default").get_index_for_model(SearchRecord)
    index.put()
    index.add_model(SearchRecord)
    before = publish_article("Mixité sociale et logement", "Le logement social.")
    index.refresh()
    assert not SearchRecord.objects.get(object_id=str(before.pk)).index_pending
    assert search(client, "logement")["backend"] == "elasticsearch"

    node.kill()

    started = time.monotonic()
    during = publish_article("Accueil des primo-arrivants", "Parcours d'intégration.")
    assert time.monotonic() - started < 2
    assert SearchRecord.objects.get(object_id=str(during.pk)).index_pending
    data = search(client, "primo-arrivants")
    assert data["backend"] == "database"
    assert [r["title"] for r in data["results"]] == ["Accueil des primo-arrivants"]

    node.script("start")  # same data folder: what was indexed before the crash is still there
    time.sleep(2.1)  # the circuit breaker's cool-down (retry_after)
    call_command("search_index_drift", "--repair", stdout=StringIO())
    index.refresh()
    assert not SearchRecord.objects.filter(index_pending=True).exists()
    for q, title in (
        ("primo-arrivants", "Accueil des primo-arrivants"),
        ("logement", "Mixité sociale et logement"),
    ):
        data = search(client, q)
        assert data["backend"] == "elasticsearch"
        assert [r["title"] for r in data["results"]] == [title]
    drop_test_indexes(index)
