"""Bulk inserts compiled once and reused, for imports that write thousands of rows.

Django's `bulk_create` compiles its INSERT again for every statement and passes every value
through the query compiler's layers: in an import of notices, that was about 45 % of the
time. `BulkInserter` writes the rows `bulk_create` would write (the same columns, `pre_save`
for `auto_now` dates, `get_db_prep_save` for every value that is not a plain string, integer
or boolean, related objects checked as `bulk_create` checks them, primary keys read back with
RETURNING), with SQL built once per row count and run through Django's connection, so inside
the caller's transaction. Like `bulk_create`, it calls no `save()` and sends no signal.
"""

import functools
from collections.abc import Sequence

from django.db import connections, router, transaction
from django.db.models import AutoField, Field, Model

# Internal types whose database value is the Python value itself when it is of this type (or
# None): what `get_db_prep_save` would return unchanged, on SQLite and PostgreSQL alike.
_PLAIN_TYPES: dict[str, type] = {
    "CharField": str,
    "SlugField": str,
    "TextField": str,
    "BooleanField": bool,
    "SmallIntegerField": int,
    "IntegerField": int,
    "BigIntegerField": int,
    "PositiveSmallIntegerField": int,
    "PositiveIntegerField": int,
    "PositiveBigIntegerField": int,
    "AutoField": int,
    "SmallAutoField": int,
    "BigAutoField": int,
}
# PostgreSQL accepts 65,535 parameters per statement; SQLite's limit comes from Django.
_MAX_PARAMS = 65_535


def _plain_type(field: Field) -> type | None:
    """The Python type stored as is in `field`'s column, following foreign keys."""
    while field.is_relation:
        field = field.target_field
    return _PLAIN_TYPES.get(field.get_internal_type())


class BulkInserter:
    """Inserts new instances of one model; build one per import and call `insert` per batch."""

    def __init__(self, model: type[Model], using: str | None = None) -> None:
        opts = model._meta
        if opts.parents:
            raise TypeError(f"{model.__name__}: multi-table inheritance is not supported.")
        self.model = model
        self.using = using or router.db_for_write(model)
        self.fields = [
            f for f in opts.concrete_fields if not f.generated and not isinstance(f, AutoField)
        ]
        # Only fields that override `Field.pre_save` (`auto_now` dates…) need it called.
        self._columns = [
            (
                f.attname,
                f if type(f).pre_save is not Field.pre_save else None,
                _plain_type(f),
                f.get_db_prep_save,
            )
            for f in self.fields
        ]
        self._relations = [f for f in opts.concrete_fields if f.is_relation]
        # Generic foreign keys (Django checks them too), not generic relations.
        self._generic = any(hasattr(f, "fk_field") for f in opts.private_fields)
        features = self.connection.features
        self.returning = (
            opts.db_returning_fields if features.can_return_rows_from_bulk_insert else []
        )
        if any(f is not opts.pk or not isinstance(f, AutoField) for f in self.returning):
            raise TypeError(f"{model.__name__}: only an automatic primary key can be read back.")
        quote = self.connection.ops.quote_name
        self._head = "INSERT INTO {} ({}) VALUES ".format(
            quote(opts.db_table), ", ".join(quote(f.column) for f in self.fields)
        )
        self._row = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
        self._tail = ""
        if self.returning:
            returning_sql, returning_params = self.connection.ops.return_insert_columns(
                self.returning
            )
            assert not returning_params
            self._tail = " " + returning_sql
        self._statements: dict[int, str] = {}

    @property
    def connection(self):
        # Looked up on each use: Django's connections are per thread.
        return connections[self.using]

    def _statement(self, rows: int) -> str:
        statement = self._statements.get(rows)
        if statement is None:
            statement = self._head + ", ".join([self._row] * rows) + self._tail
            self._statements[rows] = statement
        return statement

    def _params(self, obj: Model, connection) -> list:
        params = []
        for attname, pre_save_field, plain, prepare in self._columns:
            if pre_save_field is not None:
                value = pre_save_field.pre_save(obj, True)
            else:
                value = getattr(obj, attname)
            if value is not None and type(value) is not plain:
                value = prepare(value, connection)
            params.append(value)
        return params

    def _check_related(self, obj: Model) -> None:
        """What `bulk_create` does: refuse unsaved related objects, copy their new keys.

        Django's check runs only when a related object in memory is unsaved or its key
        differs from the column's value (or the model has a generic foreign key).
        """
        if self._generic:
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
            return
        for field in self._relations:
            if not field.is_cached(obj):
                continue
            related = field.get_cached_value(obj)
            if related is not None and (
                related.pk is None
                or getattr(related, field.target_field.attname) != getattr(obj, field.attname)
            ):
                obj._prepare_related_fields_for_save(operation_name="bulk_create")
                return

    def insert(self, objs: Sequence[Model]) -> None:
        """INSERT `objs` (none may have a primary key yet) and set their keys from the database."""
        if not objs:
            return
        if any(obj.pk is not None for obj in objs):
            raise ValueError(f"{self.model.__name__}: only new instances can be inserted.")
        connection = self.connection
        per_statement = max(
            1,
            min(
                connection.ops.bulk_batch_size(self.fields, objs),
                _MAX_PARAMS // max(1, len(self.fields)),
            ),
        )
        # Checked and prepared before anything is written, as `bulk_create` does.
        statements = []
        for start in range(0, len(objs), per_statement):
            chunk = objs[start : start + per_statement]
            params = []
            for obj in chunk:
                self._check_related(obj)
                params += self._params(obj, connection)
            statements.append((chunk, params))
        with transaction.atomic(using=self.using, savepoint=False), connection.cursor() as cursor:
            for chunk, params in statements:
                cursor.execute(self._statement(len(chunk)), params)
                if self.returning:
                    rows = cursor.fetchall()
                    if len(rows) != len(chunk):
                        raise RuntimeError("The database returned fewer keys than rows written.")
                    for obj, row in zip(chunk, rows, strict=True):
                        for field, value in zip(self.returning, row, strict=True):
                            setattr(obj, field.attname, value)
                for obj in chunk:
                    obj._state.adding = False
                    obj._state.db = self.using


@functools.cache
def _inserter(model: type[Model], using: str) -> BulkInserter:
    return BulkInserter(model, using)


def bulk_insert(model: type[Model], objs: Sequence[Model]) -> None:
    """`model.objects.bulk_create(objs)` for new instances, without recompiling its SQL."""
    if objs:
        _inserter(model, router.db_for_write(model)).insert(objs)
