"""Wagtail's PostgreSQL backend with accent-insensitive configurations on both sides.

Full-text: `french_unaccent` (unaccent, then the French Snowball stemmer and stopwords).
Autocomplete: `simple_unaccent` (unaccent, no stemming, so that prefixes match whole words).
Both are created by the search app's initial migration.
"""

from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

from .stale_entries import StaleEntriesMixin

SEARCH_CONFIG = "french_unaccent"
AUTOCOMPLETE_CONFIG = "simple_unaccent"


class FrenchPostgresIndex(StaleEntriesMixin, PostgresIndex):
    pass


class FrenchPostgresSearchBackend(PostgresSearchBackend):
    index_class = FrenchPostgresIndex

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": SEARCH_CONFIG, **params})
        self.autocomplete_config = AUTOCOMPLETE_CONFIG
