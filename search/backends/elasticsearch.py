"""Settings for Wagtail's Elasticsearch 9 / OpenSearch 3 backends, with a French analyzer.

Pure data (imported from the settings module). The analyzer is installed as the index's
`default` analyzer, so every text field Wagtail maps without an explicit analyzer (titles,
bodies, `_all_text`) gets elision, lowercase, asciifolding, French stopwords and the French
stemmer, at index and at query time. Autocomplete fields keep Wagtail's edge n-gram analyzer.
"""

FRENCH_ELISION_ARTICLES = [
    "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
]  # fmt: skip

FRENCH_ANALYSIS = {
    "settings": {
        "analysis": {
            "filter": {
                "french_elision": {
                    "type": "elision",
                    "articles_case": True,
                    "articles": FRENCH_ELISION_ARTICLES,
                },
                "french_stop": {"type": "stop", "stopwords": "_french_"},
                "french_stemmer": {"type": "stemmer", "language": "light_french"},
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
        }
    }
}

BACKEND_MODULES = {
    "elasticsearch": "wagtail.search.backends.elasticsearch9",
    "opensearch": "wagtail.search.backends.opensearch3",
}


def backend_settings(kind: str, url: str, *, prefix: str = "reci_", timeout: float = 1) -> dict:
    """One entry of WAGTAILSEARCH_BACKENDS for `kind` ("elasticsearch" or "opensearch")."""
    return {
        "BACKEND": BACKEND_MODULES[kind],
        "URLS": [url],
        "INDEX_PREFIX": prefix,
        "TIMEOUT": timeout,
        "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        "INDEX_SETTINGS": FRENCH_ANALYSIS,
    }
