"""`/api/schema/` (the OpenAPI document) and `/api/docs/` (Swagger UI, from the sidecar package)."""

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.generic import TemplateView

from .registry import api_router, openapi_paths
from .schema import build_schema


def schema_view(request: HttpRequest) -> JsonResponse:
    document = build_schema(
        api_router, base_url=settings.WAGTAILAPI_BASE_URL, extra_paths=openapi_paths()
    )
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})


docs_view = TemplateView.as_view(template_name="api/docs.html")
