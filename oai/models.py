from django.db import models


class Tombstone(models.Model):
    """What harvesters must learn about a record that left the public view, or came back.

    OAI-PMH 2.0 with `deletedRecord` = persistent: a notice or a page that was public and is
    no more (unpublished, put under a view restriction, deleted) is listed with
    `status="deleted"` for ever, with the datestamp of its departure and the sets it was in.
    Rows are kept by `oai/tombstones.py`, subscribed to `core/changes.py`, in the writer's
    transaction. When the record is public again the row stays with `deleted=False`: its
    datestamp then dates the return, which a page's own dates may not (a restriction lifted).
    """

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    datestamp = models.DateTimeField()
    deleted = models.BooleanField(default=True)
    # " type:reference theme:laicite " : the sets the record was in, space-delimited.
    set_specs = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="oai_tombstone_unique")
        ]
        indexes = [models.Index(fields=["deleted", "datestamp", "id"], name="oai_tombstone_list")]

    def __str__(self) -> str:
        return f"{self.kind}/{self.object_id}"
