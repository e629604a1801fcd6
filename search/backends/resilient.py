"""Wagtail's Elasticsearch 9 / OpenSearch 3 backends behind a circuit breaker.

One publish calls the search server several times (Wagtail's own auto-update of the page,
then our `SearchRecord`), so with a hanging server each call would wait for the full timeout.
After a connection error or a timeout, the breaker fails every further call to that server at
once, for `RETRY_AFTER` seconds (setting `SEARCH_RETRY_AFTER`); then one call is let through
again. Failing calls raise: `search.indexing` flags the records `index_pending` (repaired by
`search_index_drift --repair`), `search.service` answers from the database.

The state is per process and per server (backends are instantiated on every
`get_search_backend()` call, so it cannot live on the backend instance).

Ranking: Wagtail searches `_all_text` (titles and bodies) and the title-only `_all_text_boost_10_0`
with one `multi_match` of type `best_fields`, which scores a document by its best field alone.
Every document whose title is the query word then gets the very same score whatever its body
says (a theme « Laïcité » and a bibliography « Laïcité »), and the date decides. A
`tie_breaker` adds a part of the other fields' scores, so the body counts as on the database
backends, where BM25 weighs every column.
"""

import logging
import threading
import time
from collections.abc import Callable

import elastic_transport
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)
from modelsearch.backends.opensearch3 import (
    OpenSearch3SearchBackend,
    OpenSearch3SearchQueryCompiler,
)
from opensearchpy import exceptions as opensearch_exceptions

logger = logging.getLogger(__name__)

DEFAULT_RETRY_AFTER = 30.0
# The share of the other fields' scores added to the best field's (`multi_match`).
TIE_BREAKER = 0.3


class SearchServerUnavailable(Exception):
    """The search server failed recently: calls are refused until the cool-down ends."""


class CircuitBreaker:
    def __init__(self, name: str, retry_after: float) -> None:
        self.name = name
        self.retry_after = retry_after
        self.open_until = 0.0

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def call(self, failures: tuple[type[Exception], ...], perform: Callable, *args, **kwargs):
        if self.is_open:
            raise SearchServerUnavailable(
                f"{self.name}: unavailable, next try in {self.open_until - time.monotonic():.0f} s"
            )
        try:
            return perform(*args, **kwargs)
        except failures:
            self.open_until = time.monotonic() + self.retry_after
            logger.warning(
                "Search server %s failed: calls refused for %s s", self.name, self.retry_after
            )
            raise


_breakers: dict[str, CircuitBreaker] = {}
_lock = threading.Lock()


def breaker_for(name: str, retry_after: float) -> CircuitBreaker:
    """The process-wide breaker of one server (its list of hosts)."""
    with _lock:
        breaker = _breakers.get(name)
        if breaker is None:
            breaker = _breakers[name] = CircuitBreaker(name, retry_after)
        breaker.retry_after = retry_after
        return breaker


def _server_name(hosts: list) -> str:
    return ", ".join(
        f"{host.get('host')}:{host.get('port')}" if isinstance(host, dict) else str(host)
        for host in hosts
    )


class CircuitBreakerMixin:
    """Route every request of the client through the server's breaker."""

    failures: tuple[type[Exception], ...] = ()

    def __init__(self, params: dict) -> None:
        params = dict(params)
        retry_after = float(params.pop("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        super().__init__(params)
        self.breaker = breaker_for(_server_name(self.hosts), retry_after)
        transport = self.es.transport
        perform = transport.perform_request

        def guarded(*args, **kwargs):
            return self.breaker.call(self.failures, perform, *args, **kwargs)

        transport.perform_request = guarded


class TieBreakerMixin:
    """Full-text queries over several fields also count the fields other than the best one."""

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        compiled = super()._compile_plaintext_query(query, fields, boost)
        if "multi_match" in compiled:
            compiled["multi_match"]["tie_breaker"] = TIE_BREAKER
        return compiled


class Elasticsearch9QueryCompiler(TieBreakerMixin, Elasticsearch9SearchQueryCompiler):
    pass


class OpenSearch3QueryCompiler(TieBreakerMixin, OpenSearch3SearchQueryCompiler):
    pass


class Elasticsearch9Backend(CircuitBreakerMixin, Elasticsearch9SearchBackend):
    failures = (elastic_transport.ConnectionError, elastic_transport.ConnectionTimeout)
    query_compiler_class = Elasticsearch9QueryCompiler


class OpenSearch3Backend(CircuitBreakerMixin, OpenSearch3SearchBackend):
    failures = (opensearch_exceptions.ConnectionError,)  # ConnectionTimeout is one
    query_compiler_class = OpenSearch3QueryCompiler
