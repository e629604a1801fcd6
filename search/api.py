"""`/api/v2/search/` and `/api/v2/search/suggest/`: plain DRF views over `search.service`."""

from django.utils import translation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import service


class SearchAPIView(APIView):
    """One search across every content type: results, facets, filters, pagination."""

    authentication_classes: list = []
    permission_classes: list = []

    def get(self, request: Request) -> Response:
        try:
            with translation.override("en"):  # the API's messages are in English
                params = service.parse_params(request.query_params)
        except service.SearchInputError as exc:
            return Response({"message": str(exc)}, status=400)
        return Response(service.search(params))


class SuggestAPIView(APIView):
    """Titles for the search box as the visitor types (from the third character)."""

    authentication_classes: list = []
    permission_classes: list = []

    def get(self, request: Request) -> Response:
        unknown = sorted(set(request.query_params) - {"q"})
        if unknown:
            with translation.override("en"):  # the API's messages are in English
                message = service.unknown_parameters(unknown, ["q"])
            return Response({"message": message}, status=400)
        query = request.query_params.get("q", "")
        if "\x00" in query:
            with translation.override("en"):
                message = service.nul_character("q")
            return Response({"message": message}, status=400)
        return Response(service.suggest(query))


def openapi_paths() -> dict:
    """OpenAPI path items of the two search endpoints (see api/schema.py)."""
    from api.schema import ERROR_REF, SLUG_NAME, json_response, query_parameter

    text = {"type": "string"}
    result = {
        "type": "object",
        "properties": {
            "type": {**text, "description": "`app.ModelName`, as `/api/v2/pages/?type=`"},
            "type_label": text,
            "title": text,
            "title_html": {**text, "description": "title with <mark> around matched words"},
            "url": text,
            "snippet": {**text, "description": "excerpt with <mark> around matched words"},
            "date": {"type": ["string", "null"], "format": "date"},
            "year": {"type": ["integer", "null"]},
            "themes": {"type": "array", "items": SLUG_NAME},
            "language": {
                **text,
                "description": "the language the record is written in (`fr`, `en`), for `lang` "
                "where it differs from the page showing it",
            },
        },
        "required": sorted(
            [
                "type",
                "type_label",
                "title",
                "title_html",
                "url",
                "snippet",
                "date",
                "year",
                "language",
            ]
        ),
        "additionalProperties": False,
    }
    facet_value = {
        "type": "object",
        "properties": {
            "value": {"type": ["string", "integer"]},
            "label": text,
            "count": {"type": "integer", "minimum": 0},
            "selected": {"type": "boolean"},
        },
        "required": ["value", "label", "count", "selected"],
        "additionalProperties": False,
    }
    facets = {name: {"type": "array", "items": facet_value} for name in service.FACETS}
    search_response = {
        "type": "object",
        "properties": {
            "query": text,
            "backend": {"enum": ["database", "elasticsearch"]},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1, "maximum": service.MAX_PAGE_SIZE},
            "num_pages": {"type": "integer", "minimum": 0},
            "sort": {"enum": sorted(service.SORTS)},
            "filters": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": text},
            },
            "results": {"type": "array", "items": result},
            "facets": {
                "type": "object",
                "properties": facets,
                "required": sorted(facets),
                "additionalProperties": False,
            },
        },
        "required": sorted(
            ["query", "backend", "total", "page", "page_size", "num_pages", "sort"]
            + ["filters", "results", "facets"]
        ),
        "additionalProperties": False,
    }
    facet_parameters = [
        query_parameter(
            name,
            {"type": "array", "items": text},
            f"Filter on « {label} » (repeat the parameter for several values)."
            + (" `app.ModelName`, any case; unknown: 400." if name == "type" else ""),
        )
        for name, label in service.FACETS.items()
    ]
    suggestion = {
        "type": "object",
        "properties": {"title": text, "url": text, "type": text, "type_label": text},
        "required": ["title", "url", "type", "type_label"],
        "additionalProperties": False,
    }
    errors = {"400": json_response("A parameter is invalid", ERROR_REF)}
    return {
        "/api/v2/search/": {
            "get": {
                "operationId": "search",
                "tags": ["search"],
                "summary": SearchAPIView.__doc__.strip(),
                "parameters": [
                    query_parameter("q", text, "The words searched (French analysis)."),
                    query_parameter("sort", {"enum": sorted(service.SORTS)}),
                    query_parameter("page", {"type": "integer", "minimum": 1, "maximum": 10_000}),
                    query_parameter(
                        "page_size",
                        {"type": "integer", "minimum": 1, "maximum": service.MAX_PAGE_SIZE},
                    ),
                    *facet_parameters,
                ],
                "responses": {
                    "200": json_response("Results, facets and pagination", search_response),
                    **errors,
                },
            }
        },
        "/api/v2/search/suggest/": {
            "get": {
                "operationId": "search_suggest",
                "tags": ["search"],
                "summary": SuggestAPIView.__doc__.strip(),
                "parameters": [query_parameter("q", text, "What the visitor has typed.")],
                "responses": {
                    "200": json_response(
                        "Up to eight titles",
                        {
                            "type": "object",
                            "properties": {
                                "query": text,
                                "backend": {"enum": ["database", "elasticsearch"]},
                                "suggestions": {"type": "array", "items": suggestion},
                            },
                            "required": ["query", "backend", "suggestions"],
                            "additionalProperties": False,
                        },
                    ),
                    **errors,
                },
            }
        },
    }
