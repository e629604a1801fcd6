"""PostgreSQL: the record table's long text columns come after the columns a search reads.

Migration 0006 moved them there (a search walks every column before the ones it reads); these
tests pin the order for columns added later, and replay the move over existing records.
"""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from search.models import SearchRecord

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's column order"),
]

LONG = ["object_id", "title", "body", "url"]


def column_order() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum",
            [SearchRecord._meta.db_table],
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_the_long_text_columns_come_last():
    """A column added to the record later lands after these: move it before them too."""
    assert column_order()[-len(LONG) :] == LONG


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_moving_the_columns_keeps_the_records_their_vector_and_constraint(client, publish_article):
    publish_article("Laïcité et logement social", body="Les bailleurs et la mixité.")
    publish_article("Accueil des primo-arrivants", body="Parcours et logement.")
    before = {
        record.pk: (record.object_id, record.title, record.body, record.url, record.theme_ids)
        for record in SearchRecord.objects.all()
    }
    assert len(before) == 2

    executor = MigrationExecutor(connection)
    executor.migrate([("sitesearch", "0005_facet_sets")])
    executor.loader.build_graph()
    executor.migrate([("sitesearch", "0006_record_column_order")])

    after = {
        record.pk: (record.object_id, record.title, record.body, record.url, record.theme_ids)
        for record in SearchRecord.objects.all()
    }
    assert after == before
    answer = client.get("/api/v2/search/", {"q": "logement"}).json()
    assert answer["total"] == 2
    # The vector trigger is back: a changed title is found at once.
    record = SearchRecord.objects.get(title="Accueil des primo-arrivants")
    record.title = "Accueil des saisonniers"
    record.save()
    assert client.get("/api/v2/search/", {"q": "saisonniers"}).json()["total"] == 1
    # And so is the unique constraint on the object.
    duplicate = SearchRecord.objects.values().get(pk=record.pk)
    duplicate.pop("id")
    with pytest.raises(IntegrityError), transaction.atomic():
        SearchRecord.objects.create(**duplicate)
