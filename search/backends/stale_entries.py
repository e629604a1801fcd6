"""Removing index entries of deleted objects, for the database backends (`update_index`).

Upstream (modelsearch) annotates each model's primary keys as `object_id` to compare them with
the entries' `object_id`; on a model that has an `object_id` field of its own, as our
`SearchRecord` has, Django refuses the annotation and the nightly `update_index` stopped with
« The annotation 'object_id' conflicts with a field on the model ». Same query, another name.
"""

from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks


class StaleEntriesMixin:
    """For modelsearch's database index classes (SQLite, PostgreSQL)."""

    def delete_stale_model_entries(self, model) -> None:
        existing_pks = model._default_manager.annotate(indexed_pk=Cast("pk", TextField())).values(
            "indexed_pk"
        )
        self.entries.filter(content_type_id__in=get_descendants_content_types_pks(model)).exclude(
            object_id__in=existing_pks
        ).delete()
