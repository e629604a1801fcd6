"""Keep the query planner's statistics current, on SQLite as on PostgreSQL.

PostgreSQL's autovacuum analyses tables as they change. SQLite has no such daemon: until
`ANALYZE` has run, its planner guesses, and for the API it guesses wrong. Counting one page
type's public pages, it reads every row of Wagtail's page table instead of the type's own
small table (2 ms instead of 0.3 ms with 2,000 pages); a typed listing runs that count on
every request. So the statistics are refreshed after bulk changes (demo content, imports of
many notices), and every night by `manage.py refresh_db_statistics` (site/scheduler.sh, the
`reci-update-index` systemd unit). On PostgreSQL this only brings autovacuum's work forward.
"""

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections, models

# Rows SQLite samples per index: approximate statistics, in bounded time on large tables.
SQLITE_ANALYSIS_LIMIT = 1000


def refresh_statistics(
    tables: Iterable[type[models.Model]] = (), using: str = DEFAULT_DB_ALIAS
) -> None:
    """Analyse the tables of `tables` (models), or the whole database when none are given."""
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    names = [connection.ops.quote_name(model._meta.db_table) for model in tables]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
            for statement in [f"ANALYZE {name}" for name in names] or ["ANALYZE"]:
                cursor.execute(statement)
        else:
            cursor.execute(f"ANALYZE {', '.join(names)}" if names else "ANALYZE")
