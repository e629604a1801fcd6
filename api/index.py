"""`/api/v2/`: the API's front door, at the address the README and `make run` give.

Every endpoint with its summary, read from the OpenAPI document itself (`api/schema.py`), so
that an endpoint an app declares appears here without more work (the per-item `{id}` paths
left out), and where that document and its documentation are. `/api/` redirects here.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from .registry import api_router, openapi_paths
from .schema import ERROR_REF, STRING, build_schema, json_response

INDEX_PATH = "/api/v2/"


# Read-only: a POST gets 405, not the CSRF check's 403 page (the API sets no cookie).
@csrf_exempt
@require_safe
def index_view(request: HttpRequest) -> HttpResponse:
    if request.GET:
        names = ", ".join(f"'{name}'" for name in sorted(request.GET))
        return JsonResponse(
            {"message": f"unknown parameter {names}: {INDEX_PATH} takes no parameter"},
            status=400,
        )
    base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
    document = build_schema(api_router, base_url=base, extra_paths=openapi_paths())
    endpoints = [
        {"path": path, "url": base + path, "summary": item["get"]["summary"]}
        for path, item in document["paths"].items()
        if "get" in item and "{" not in path and path not in (INDEX_PATH, "/api/")
    ]
    return JsonResponse(
        {
            "title": document["info"]["title"],
            "version": document["info"]["version"],
            "description": document["info"]["description"],
            "schema": base + reverse("api_schema"),
            "documentation": base + reverse("api_docs"),
            "endpoints": endpoints,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@csrf_exempt
@require_safe
def root_view(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(INDEX_PATH)


def openapi_paths_of_index() -> dict:
    """The OpenAPI path items of `/api/v2/` and `/api/`."""
    link = {**STRING, "format": "uri"}
    index = {
        "type": "object",
        "properties": {
            "title": STRING,
            "version": STRING,
            "description": STRING,
            "schema": {**link, "description": "the OpenAPI document"},
            "documentation": {**link, "description": "the OpenAPI document, readable"},
            "endpoints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"path": STRING, "url": link, "summary": STRING},
                    "required": ["path", "url", "summary"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["title", "version", "description", "schema", "documentation", "endpoints"],
        "additionalProperties": False,
    }
    return {
        INDEX_PATH: {
            "get": {
                "operationId": "api_index",
                "tags": ["api"],
                "summary": "The endpoints of this API, and where its documentation is",
                "responses": {
                    "200": json_response("The endpoints", index),
                    "400": json_response("A parameter was given", ERROR_REF),
                },
            }
        },
        "/api/": {
            "get": {
                "operationId": "api_root",
                "tags": ["api"],
                "summary": f"Redirect to {INDEX_PATH}",
                "responses": {
                    "302": {
                        "description": f"`Location` is {INDEX_PATH}",
                        "headers": {"Location": {"schema": STRING}},
                    }
                },
            }
        },
    }
