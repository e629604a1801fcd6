"""PostgreSQL: the record's long text columns move after the ones the search reads.

A search reads the vector, the facet columns and the date of tens of thousands of records
(`search.postgres`). PostgreSQL reaches a column by walking every column before it, and the
title, body and address came first: at 100,000 records, walking past them was half the time of
every scan (a count over 88,000 matches: 72 ms, 40 ms with them last). Columns cannot be
reordered in place, so each is copied into a new column at the end by a rewrite of the table
(`ALTER COLUMN … TYPE … USING`: an UPDATE would leave every old row version behind, and a
`CLUSTER` in the same transaction must keep them), the old one dropped, the new one renamed, and
the table rewritten again (`CLUSTER`, which leaves out the dropped columns' values and orders
the rows newest first, as the date index reads them). The trigger and
the unique constraint that name those columns are recreated. The model is unchanged; SQLite
reads a row's columns through its header and is left alone.
"""

from django.db import migrations

TABLE = "sitesearch_searchrecord"
MOVED = {
    "object_id": "varchar(50)",
    "title": "varchar(1000)",
    "body": "text",
    "url": "varchar(1000)",
}
STATEMENTS = [
    f"DROP TRIGGER IF EXISTS record_search_vector ON {TABLE}",
    f"ALTER TABLE {TABLE} "
    + ", ".join(f"ADD COLUMN {name}_moved {kind}" for name, kind in MOVED.items()),
    # A rewrite, not an UPDATE: the old row versions would stay in the table (see above).
    f"ALTER TABLE {TABLE} "
    + ", ".join(
        f"ALTER COLUMN {name}_moved TYPE {kind} USING {name}" for name, kind in MOVED.items()
    ),
    f"ALTER TABLE {TABLE} DROP CONSTRAINT unique_record, "
    + ", ".join(f"DROP COLUMN {name}" for name in MOVED),
    *(f"ALTER TABLE {TABLE} RENAME COLUMN {name}_moved TO {name}" for name in MOVED),
    f"ALTER TABLE {TABLE} " + ", ".join(f"ALTER COLUMN {name} SET NOT NULL" for name in MOVED),
    f"ALTER TABLE {TABLE} ADD CONSTRAINT unique_record UNIQUE (content_type_id, object_id)",
    f"CREATE TRIGGER record_search_vector BEFORE INSERT OR UPDATE OF title, body ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION sitesearch_record_vector()",
    f"CLUSTER {TABLE} USING record_recent",
    f"ALTER TABLE {TABLE} SET WITHOUT CLUSTER",
    f"ANALYZE {TABLE}",
]


def move_long_columns_last(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in STATEMENTS:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0005_facet_sets"),
    ]

    operations = [
        migrations.RunPython(move_long_columns_last, migrations.RunPython.noop),
    ]
