"""`IdListField`: a list of ids stored in the record itself, to count facets without a join."""

import json

from django.db import models


class IdListField(models.Field):
    """A list of integer ids: `bigint[]` on PostgreSQL, JSON text elsewhere.

    `SearchRecord` copies its theme and organisation ids here (the many-to-many tables stay the
    reference) so that PostgreSQL counts those facets with `unnest()` over the matched rows
    instead of joining link tables of every record.
    """

    description = "List of integer ids"

    def db_type(self, connection) -> str:
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def cast_db_type(self, connection) -> str:
        return self.db_type(connection)

    def get_prep_value(self, value):
        if value is None:
            return None
        return sorted({int(item) for item in value})

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or connection.vendor == "postgresql":
            return value
        return json.dumps(value)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        return json.loads(value)


@IdListField.register_lookup
class IdListExact(models.lookups.Exact):
    """`field=[1, 2]`: on PostgreSQL the list is sent as `bigint[]` (psycopg would pick the
    smallest integer array type, which has no `=` with `bigint[]`)."""

    def process_rhs(self, compiler, connection):
        sql, params = super().process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            sql = f"{sql}::bigint[]"
        return sql, params
