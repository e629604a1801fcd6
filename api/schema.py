"""The OpenAPI 3.1 document of the public API, built from the router and the models.

drf-spectacular cannot see through Wagtail's API viewsets (fields chosen per request with
`?fields=`, one endpoint serving every page type), so this small generator walks `api_router`
and each model's `api_fields` instead. An endpoint with parameters of its own declares them in
an `openapi_parameters()` classmethod returning OpenAPI parameter objects; everything else
(pagination, `fields`, `order`, `search`, field filters, item shapes) is derived.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.managers import TaggableManager
from wagtail import fields as wagtail_fields
from wagtail.models import Page

from .router import MAX_OFFSET

OPENAPI_VERSION = "3.1.0"
STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
ANY = {}
NESTED_OBJECT = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "meta": {"type": "object", "properties": {"type": STRING}},
    },
    "required": ["id"],
}
ERROR = {
    "type": "object",
    "properties": {"message": {"type": "string"}},
    "required": ["message"],
    "additionalProperties": False,
}
# Fields the Wagtail serialisers add themselves, with no model field to read a type from.
SYNTHETIC_FIELDS = {
    "type": {**STRING, "description": "app_label.ModelName"},
    "detail_url": {"type": "string", "format": "uri"},
    "html_url": {"type": ["string", "null"], "format": "uri"},
    "download_url": {"type": "string"},
    "locale": {**STRING, "description": "language code"},
    "parent": {"anyOf": [NESTED_OBJECT, {"type": "null"}]},
    "alias_of": {"anyOf": [NESTED_OBJECT, {"type": "null"}]},
    "tags": {"type": "array", "items": STRING},
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}
# A vocabulary term as the search and practices endpoints give it (themes, target groups).
SLUG_NAME = {
    "type": "object",
    "properties": {"slug": STRING, "name": STRING},
    "required": ["slug", "name"],
    "additionalProperties": False,
}
RICH_TEXT = {
    "anyOf": [
        {"type": ["string", "null"]},
        {"type": "object", "properties": {"format": STRING, "content": STRING}},
    ],
    "description": "HTML with internal links resolved, or the `rich_text_format` asked for",
}
RICH_TEXT_FORMAT = {"type": "string", "enum": ["html", "db_html", "markdown", "db_markdown"]}
RICH_TEXT_FORMAT_DESCRIPTION = (
    "How rich text comes out (rich text fields and the rich text blocks of StreamFields): "
    "`html` (default) ready to display, internal links as public URLs and images as "
    'renditions; `db_html` Wagtail\'s stored form (`<a linktype="page" id="9">`, '
    '`<embed embedtype="image" …/>`), for a front end that routes internal links itself; '
    "`markdown` with links resolved; `db_markdown` with `wagtail://` links. Always cleaned of "
    "scripts, event handlers, styles and unsafe links. Another value: 400."
)
DRF_TYPES = [
    (serializers.BooleanField, {"type": "boolean"}),
    (serializers.IntegerField, {"type": "integer"}),
    (serializers.FloatField, {"type": "number"}),
    (serializers.DecimalField, {"type": "string"}),
    (serializers.DateTimeField, {"type": "string", "format": "date-time"}),
    (serializers.DateField, {"type": "string", "format": "date"}),
    (serializers.ChoiceField, STRING),
    (serializers.CharField, STRING),
]
MODEL_TYPES = [
    (models.BooleanField, {"type": "boolean"}),
    (models.AutoField, {"type": "integer"}),
    (models.IntegerField, {"type": "integer"}),
    (models.FloatField, {"type": "number"}),
    (models.DecimalField, {"type": "string"}),
    (models.DateTimeField, {"type": "string", "format": "date-time"}),
    (models.DateField, {"type": "string", "format": "date"}),
    (models.URLField, {"type": "string"}),
    (models.CharField, STRING),
    (models.TextField, STRING),
]


def nullable(schema: dict) -> dict:
    kind = schema.get("type")
    if isinstance(kind, str):
        return {**schema, "type": [kind, "null"]}
    return schema


def drf_field_schema(field) -> dict:
    if isinstance(field, serializers.ListSerializer):
        return {"type": "array", "items": drf_field_schema(field.child)}
    if isinstance(field, serializers.Serializer):
        properties = {name: drf_field_schema(f) for name, f in field.fields.items()}
        return {"type": "object", "properties": properties, "required": sorted(properties)}
    if isinstance(field, serializers.ListField):
        return {"type": "array", "items": drf_field_schema(field.child)}
    for kind, schema in DRF_TYPES:
        if isinstance(field, kind):
            return nullable(schema) if field.allow_null else dict(schema)
    return {"description": "computed value, see the model's documentation"}


def model_field_schema(model, name: str, override=None) -> dict:
    """JSON Schema of one API field of `model`, from its serializer or its model field."""
    if override is not None:
        return drf_field_schema(override)
    if name in SYNTHETIC_FIELDS:
        return SYNTHETIC_FIELDS[name]
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return {"description": "computed value (model property)"}
    if isinstance(field, TaggableManager):
        return SYNTHETIC_FIELDS["tags"]
    if isinstance(field, wagtail_fields.RichTextField):
        return RICH_TEXT
    if isinstance(field, wagtail_fields.StreamField):
        return {"type": "array", "items": {"type": "object"}}
    if field.is_relation:
        child = NESTED_OBJECT
        if isinstance(getattr(field, "field", None), ParentalKey) or field.one_to_many:
            child = {"type": "object"}
        if field.many_to_many or field.one_to_many:
            return {"type": "array", "items": child}
        return {"anyOf": [child, {"type": "null"}]}
    for kind, schema in MODEL_TYPES:
        if isinstance(field, kind):
            return nullable(schema) if field.null else dict(schema)
    return ANY


def item_schema(endpoint, model, type_name: str | None = None) -> dict:
    """Every field a `?fields=*` response can hold; none is required, as `?fields=_,title`
    may leave any of them out, but nothing undocumented may appear."""
    overrides = endpoint.get_field_serializer_overrides(model)
    body = {
        name: model_field_schema(model, name, overrides.get(name))
        for name in endpoint.get_body_fields_names(model)
    }
    meta = {
        name: model_field_schema(model, name, overrides.get(name))
        for name in endpoint.get_meta_fields_names(model)
    }
    if type_name:
        meta["type"] = {"const": type_name}
    body["meta"] = {
        "type": "object",
        "properties": meta,
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": body,
        "additionalProperties": False,
    }


def common_parameters(endpoint, model) -> list[dict]:
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
    parameters = [
        query_parameter(
            "limit", {"type": "integer", "minimum": 0, "maximum": limit_max, "default": 20}
        ),
        query_parameter("offset", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}),
        query_parameter(
            "fields",
            STRING,
            "Fields to add (`title,date`), remove (`-title`), all (`*`) or only these (`_,id`);"
            " nested: `themes(name)`.",
        ),
        query_parameter(
            "order",
            STRING,
            "Field name(s), `-` for descending, comma-separated, or `random`.",
        ),
        query_parameter("search", STRING, "Full-text search."),
        query_parameter("search_operator", {"type": "string", "enum": ["and", "or"]}),
        query_parameter("rich_text_format", RICH_TEXT_FORMAT, RICH_TEXT_FORMAT_DESCRIPTION),
    ]
    for name in endpoint.get_available_fields(model, db_fields_only=True):
        if name in ("locale",):
            continue
        parameters.append(query_parameter(name, STRING, f"Exact match on the `{name}` field."))
    return parameters


def query_parameter(name: str, schema: dict, description: str = "") -> dict:
    parameter = {"name": name, "in": "query", "required": False, "schema": schema}
    if description:
        parameter["description"] = description
    return parameter


def page_models() -> list[type[Page]]:
    return sorted(
        (m for m in apps.get_models() if issubclass(m, Page)), key=lambda m: m._meta.label
    )


def json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def with_downloads(response: dict, downloads: dict[str, dict]) -> dict:
    return {**response, "content": {**response["content"], **downloads}}


def build_schema(router, base_url: str = "", extra_paths=()) -> dict:
    """The whole document: the router's endpoints, then the path items each callable in
    `extra_paths` returns (endpoints outside the router: search, practices, preview)."""
    components: dict[str, dict] = {"Error": ERROR}
    paths: dict[str, dict] = {}
    error_ref = ERROR_REF
    for name, endpoint in router._endpoints.items():
        model = endpoint.model
        if issubclass(model, Page):
            refs = []
            for page_model in page_models():
                label = f"{page_model._meta.app_label}.{page_model.__name__}"
                key = f"{name}.{label}"
                components[key] = item_schema(endpoint, page_model, type_name=label)
                refs.append({"$ref": f"#/components/schemas/{key}"})
            components[name] = {"anyOf": refs}
        else:
            components[name] = item_schema(endpoint, model)
        item_ref = {"$ref": f"#/components/schemas/{name}"}
        listing = {
            "type": "object",
            "properties": {
                "meta": {
                    "type": "object",
                    "properties": {"total_count": {"type": "integer", "minimum": 0}},
                    "required": ["total_count"],
                },
                "items": {"type": "array", "items": item_ref},
            },
            "required": ["meta", "items"],
        }
        extra = endpoint.openapi_parameters() if hasattr(endpoint, "openapi_parameters") else []
        parameters = {p["name"]: p for p in [*common_parameters(endpoint, model), *extra]}
        summary = (endpoint.__doc__ or name).strip().splitlines()[0]
        # e.g. the references' RIS, BibTeX and CSL-JSON downloads (`?format=`)
        downloads = endpoint.openapi_downloads() if hasattr(endpoint, "openapi_downloads") else {}
        paths[f"/api/v2/{name}/"] = {
            "get": {
                "operationId": f"{name}_listing",
                "tags": [name],
                "summary": summary,
                "parameters": list(parameters.values()),
                "responses": {
                    "200": with_downloads(json_response("A page of results", listing), downloads),
                    "400": json_response("A parameter is invalid", error_ref),
                },
            }
        }
        paths[f"/api/v2/{name}/{{id}}/"] = {
            "get": {
                "operationId": f"{name}_detail",
                "tags": [name],
                "summary": f"One item of {name}",
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 0},
                    },
                    parameters["fields"],
                    parameters["rich_text_format"],
                    *([parameters["format"]] if "format" in parameters else []),
                ],
                "responses": {
                    "200": with_downloads(
                        json_response("The item, all its fields by default", item_ref), downloads
                    ),
                    "400": json_response("A parameter is invalid", error_ref),
                    "404": json_response("No such public item", error_ref),
                },
            }
        }
        find_parameters = [query_parameter("id", {"type": "integer"}, "The item's id.")]
        if issubclass(model, Page):
            find_parameters.append(
                query_parameter("html_path", STRING, "A public page's path, e.g. `/notes/`.")
            )
        paths[f"/api/v2/{name}/find/"] = {
            "get": {
                "operationId": f"{name}_find",
                "tags": [name],
                "summary": f"Redirect to the detail of the {name} item found",
                "parameters": find_parameters,
                "responses": {
                    "302": {
                        "description": "Found: `Location` is the item's detail URL",
                        "headers": {"Location": {"schema": {"type": "string"}}},
                    },
                    "400": json_response("A parameter is invalid", error_ref),
                    "404": json_response("Nothing public matches", error_ref),
                },
            }
        }
    for provider in extra_paths:
        paths.update(provider())
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Réseau RECI – API publique",
            "version": "2",
            "description": (
                "Read-only API of the Réseau RECI's publishing platform. Listings return "
                "`{meta: {total_count}, items}`; bad parameters give 400 `{message}`. "
                "Responses carry `ETag` and `Last-Modified` and answer conditional requests."
            ),
        },
        "servers": [{"url": base_url}] if base_url else [],
        "paths": paths,
        "components": {"schemas": components},
    }
