"""Settings for Wagtail's Elasticsearch 9 / OpenSearch 3 backends, with a French analyzer.

Pure data (imported from the settings module). The analyzer is installed as the index's
`default` analyzer, so every text field Wagtail maps without an explicit analyzer (titles,
bodies, `_all_text`) gets elision, lowercase, asciifolding, French stopwords and the French
stemmer, at index and at query time. Autocomplete fields keep Wagtail's edge n-gram analyzer.

The stopwords are those of the database backends (`search.french.STOPWORDS`, written without
accents), as the filter sees words after folding: the engine's own `_french_` list is written
with accents, so « à », « été »... folded to « a », « ete » went through it and became terms
that a query's AND then required.
"""

from search.french import STOPWORDS

FRENCH_ELISION_ARTICLES = [
    "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
]  # fmt: skip

# The deepest page the search accepts (`search.params`: page ≤ 10,000, page_size ≤ 50), so
# that every page comes from the engine (its default window is 10,000 hits).
MAX_RESULT_WINDOW = 10_000 * 50

FRENCH_ANALYSIS = {
    "settings": {
        "index": {"max_result_window": MAX_RESULT_WINDOW},
        "analysis": {
            "filter": {
                "french_elision": {
                    "type": "elision",
                    "articles_case": True,
                    "articles": FRENCH_ELISION_ARTICLES,
                },
                "french_stop": {"type": "stop", "stopwords": sorted(STOPWORDS)},
                "french_stemmer": {"type": "stemmer", "language": "french"},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "french_elision",
                        "lowercase",
                        "asciifolding",
                        "french_stop",
                        "french_stemmer",
                    ],
                },
            },
        },
    }
}

# Wagtail's Elasticsearch 9 / OpenSearch 3 backends, behind a circuit breaker (`resilient`).
BACKEND_MODULES = {
    "elasticsearch": "search.backends.resilient.Elasticsearch9Backend",
    "opensearch": "search.backends.resilient.OpenSearch3Backend",
}


def backend_settings(
    kind: str, url: str, *, prefix: str = "reci_", timeout: float = 1, retry_after: float = 30
) -> dict:
    """One entry of WAGTAILSEARCH_BACKENDS for `kind` ("elasticsearch" or "opensearch").

    `retry_after`: seconds during which calls fail at once after a connection error/timeout.
    """
    return {
        "BACKEND": BACKEND_MODULES[kind],
        "URLS": [url],
        "INDEX_PREFIX": prefix,
        "TIMEOUT": timeout,
        "RETRY_AFTER": retry_after,
        "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        "INDEX_SETTINGS": FRENCH_ANALYSIS,
    }
