"""No unsafe XML parsing and no server-side fetch of a user-given URL to an internal address.

The site's own code parses no XML (Office files are checked by their zip members' names,
bibliographies are RIS, BibTeX or CSL-JSON) and makes no HTTP request of its own except to the
configured search server. These guards keep it so: XML must go through defusedxml, and the one
place where an editor's URL leads to a server-side request (Wagtail's embeds) only ever calls
the oEmbed endpoints of known providers.
"""

import ast
import socket
from pathlib import Path

import pytest
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "config", "core", "api", "home", "publications", "bibliography", "experiences", "search",
    "webhooks",
]  # fmt: skip
UNSAFE_XML = ("xml.etree", "xml.dom", "xml.sax", "xml.parsers", "lxml")
HTTP_CLIENTS = ("requests", "urllib.request", "http.client", "httpx", "urllib3", "aiohttp")
# The search backends talk to the configured Elasticsearch/OpenSearch server only.
# Webhooks post to the URLs an administrator set, checked and pinned by webhooks/urls_check.py.
HTTP_ALLOWED = ("search/backends/", "webhooks/delivery.py")


def imported_modules() -> list[tuple[str, str]]:
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    found += [(str(path.relative_to(ROOT)), alias.name) for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.append((str(path.relative_to(ROOT)), node.module))
    return found


def test_xml_is_only_ever_parsed_through_defusedxml():
    unsafe = [(p, m) for p, m in imported_modules() if m.startswith(UNSAFE_XML)]
    assert unsafe == [], "parse XML with defusedxml (no entity expansion, no external entities)"


def test_no_http_client_outside_the_search_backends():
    clients = [
        (path, module)
        for path, module in imported_modules()
        if module.startswith(HTTP_CLIENTS) and not path.startswith(HTTP_ALLOWED)
    ]
    assert clients == []


@pytest.fixture
def connections(monkeypatch) -> list:
    """Every outgoing connection attempt (and name lookup), refused: the machine's edge."""
    attempts = []

    def refuse(address, *args, **kwargs):
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", lambda self, address: refuse(address))
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda host, port, *args, **kwargs: refuse((host, port))
    )
    return attempts


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9200/_cat/indices",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost/admin/",
        "http://[::1]:6379/",
    ],
)
def test_an_embed_of_an_internal_address_makes_no_request(url, connections):
    with pytest.raises(EmbedException):
        get_embed(url)
    assert connections == []


@pytest.mark.django_db
def test_an_embed_of_a_known_provider_calls_only_that_provider(connections):
    with pytest.raises(EmbedException):
        get_embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert connections and all(host.endswith("youtube.com") for host, _port in connections)
