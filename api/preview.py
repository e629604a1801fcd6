"""Headless preview: the admin's preview hands an external front end a signed token.

With `HEADLESS_PREVIEW_URL` set, a page type using `HeadlessPreviewMixin` answers Wagtail's
preview by keeping the draft (the unsaved form state, as Wagtail's own preview does) in the
cache and redirecting the preview pane to `<HEADLESS_PREVIEW_URL>?token=…`. The front end then
fetches the draft's JSON, shaped like `/api/v2/pages/<id>/`, at `/api/preview/?token=…`. The
token is signed with SECRET_KEY and expires after `HEADLESS_PREVIEW_TTL` seconds; without a
valid one no draft is ever served. With the variable empty, Wagtail's server-rendered preview
stays. (Written here rather than taken from wagtail-headless-preview so that it follows
Wagtail 8's preview API and our pages serialiser.)
"""

import secrets
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_GET
from wagtail.api.rich_text import APIRichText, RichTextFormatError

SALT = "reci.headless-preview"
CACHE_PREFIX = "api:preview"


def make_preview_token(page) -> str:
    """Keep the draft for the token's lifetime and return the signed token pointing at it."""
    key = secrets.token_urlsafe(16)
    cache.set(
        f"{CACHE_PREFIX}:{key}",
        {"model": page._meta.label, "content": page.serializable_data()},
        settings.HEADLESS_PREVIEW_TTL,
    )
    return signing.dumps({"key": key}, salt=SALT)


class HeadlessPreviewMixin:
    """Add to a page type (before `Page`) to preview it on the headless front end."""

    def serve_preview(self, request, mode_name):
        if not settings.HEADLESS_PREVIEW_URL:
            return super().serve_preview(request, mode_name)
        token = make_preview_token(self)
        separator = "&" if "?" in settings.HEADLESS_PREVIEW_URL else "?"
        query = urlencode({"token": token, "content_type": self._meta.label_lower})
        return HttpResponseRedirect(f"{settings.HEADLESS_PREVIEW_URL}{separator}{query}")


def error(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"message": message}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def preview_view(request: HttpRequest) -> JsonResponse:
    """The draft's JSON for a valid, unexpired token; 403 otherwise."""
    from .registry import api_router  # here: page models import this module's mixin

    token = request.GET.get("token", "")
    if not token:
        return error("a preview token is required", 403)
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.HEADLESS_PREVIEW_TTL)
    except signing.SignatureExpired:
        return error("this preview token has expired", 403)
    except signing.BadSignature:
        return error("invalid preview token", 403)
    stored = cache.get(f"{CACHE_PREFIX}:{payload.get('key')}")
    if stored is None:
        return error("this preview token has expired", 403)
    try:
        rich_text_format = APIRichText.resolve_format(request.GET.get("rich_text_format"))
    except RichTextFormatError as exc:
        return error(str(exc), 400)
    model = apps.get_model(stored["model"])
    page = model.from_serializable_data(stored["content"], check_fks=False)
    endpoint = api_router._endpoints["pages"]
    request.wagtailapi_router = api_router
    serializer_class = endpoint._get_serializer_class(api_router, model, [], show_details=True)
    view = endpoint(request=request, format_kwarg=None, action="detail_view")
    view.request = request
    context = {
        "request": request,
        "view": view,
        "router": api_router,
        "_wagtail_rich_text_format": rich_text_format,
        "base_queryset": model.objects.none(),
    }
    data = serializer_class(page, context=context).data
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response


def openapi_paths() -> dict:
    """OpenAPI path item of the preview endpoint (see api/schema.py)."""
    from .schema import (
        ERROR_REF,
        RICH_TEXT_FORMAT,
        RICH_TEXT_FORMAT_DESCRIPTION,
        json_response,
        query_parameter,
    )

    return {
        "/api/preview/": {
            "get": {
                "operationId": "preview",
                "tags": ["preview"],
                "summary": "A draft page, for the headless front end's preview",
                "description": (
                    "The admin's preview redirects to `HEADLESS_PREVIEW_URL?token=…&content_type"
                    "=…`; the front end passes the token here. Tokens are signed and expire "
                    "after `HEADLESS_PREVIEW_TTL` seconds. Never cached (`private, no-store`)."
                ),
                "parameters": [
                    {**query_parameter("token", {"type": "string"}), "required": True},
                    query_parameter(
                        "rich_text_format", RICH_TEXT_FORMAT, RICH_TEXT_FORMAT_DESCRIPTION
                    ),
                ],
                "responses": {
                    "200": json_response(
                        "The draft, shaped like /api/v2/pages/{id}/",
                        {"$ref": "#/components/schemas/pages"},
                    ),
                    "400": json_response("Unknown `rich_text_format`", ERROR_REF),
                    "403": json_response("Missing, invalid or expired token", ERROR_REF),
                },
            }
        }
    }
