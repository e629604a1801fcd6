"""The database search backend, French-aware on both SQLite and PostgreSQL.

`WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}` picks, from the
default database's vendor, our French SQLite (FTS5) backend or Wagtail's PostgreSQL backend
with the `french_unaccent` text search configuration (see `postgres_french`).
Other databases get Wagtail's own choice.
"""

from django.db import connection
from modelsearch.backends import database as upstream


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available

        if fts5_available():
            from .sqlite_french import FrenchSQLiteSearchBackend

            return FrenchSQLiteSearchBackend(params)
    if connection.vendor == "postgresql":
        from .postgres_french import FrenchPostgresSearchBackend

        return FrenchPostgresSearchBackend(params)
    return upstream.SearchBackend(params)
