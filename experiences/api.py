"""Public read-only endpoints of the practice sheets, under `/api/v2/practices/`.

- `geojson/`: the sheets with a map point, as a GeoJSON FeatureCollection; filters `theme`
  (theme slug), `target_group` (target group slug), `region` (INSEE code), `action_field`,
  `locale` (default: the site's default language).
- `ewsi.json` and `ewsi.csv`: the live English sheets as EWSI-style records.

Only live sheets without view restrictions are ever returned. A bad parameter gives 400
with `{"message": "..."}`, like Wagtail's own API.
"""

import io
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from core.choices import Region
from core.models import Theme

from .choices import ActionField
from .ewsi import ewsi_record, write_csv
from .models import PracticeSheetPage, TargetGroup

FILTERS = ("theme", "target_group", "region", "action_field", "locale")
EWSI_LANGUAGE = "en"


class BadFilter(ValueError):
    """A query parameter the endpoint cannot honour; its message goes back to the client."""


def bad_request(message: str) -> JsonResponse:
    return JsonResponse({"message": message}, status=400)


def live_sheets(language_code: str):
    """Live, public sheets in one language (none if that locale does not exist yet)."""
    return (
        PracticeSheetPage.objects.live()
        .public()
        .filter(locale__language_code=language_code)
        .prefetch_related("themes", "target_groups")
        .order_by("title", "pk")
    )


def filtered_sheets(params) -> tuple[str, object]:
    """The sheets matching the query parameters, and the language asked for."""
    unknown = sorted(set(params) - set(FILTERS))
    if unknown:
        raise BadFilter(
            f"Unknown parameter(s): {', '.join(unknown)}. Allowed: {', '.join(FILTERS)}."
        )
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    language = params.get("locale") or Locale.get_default().language_code
    if language not in languages:
        raise BadFilter(f"Unknown locale {language!r}. Allowed: {', '.join(languages)}.")
    sheets = live_sheets(language)

    if theme := params.get("theme"):
        if not Theme.objects.filter(slug=theme).exists():
            raise BadFilter(f"Unknown theme {theme!r}: see /api/v2/themes/ for the slugs.")
        sheets = sheets.filter(themes__slug=theme)
    if group := params.get("target_group"):
        if not TargetGroup.objects.filter(slug=group).exists():
            allowed = ", ".join(TargetGroup.objects.values_list("slug", flat=True))
            raise BadFilter(f"Unknown target_group {group!r}. Allowed: {allowed}.")
        sheets = sheets.filter(target_groups__slug=group)
    if region := params.get("region"):
        if region not in Region.values:
            raise BadFilter(
                f"Unknown region {region!r}: use an INSEE region code ({', '.join(Region.values)})."
            )
        sheets = sheets.filter(region=region)
    if action_field := params.get("action_field"):
        if action_field not in ActionField.values:
            raise BadFilter(
                f"Unknown action_field {action_field!r}. Allowed: {', '.join(ActionField.values)}."
            )
        sheets = sheets.filter(action_field=action_field)
    return language, sheets.distinct()


def feature(page: PracticeSheetPage, request: HttpRequest) -> dict:
    """One sheet as a GeoJSON Feature (coordinates in [longitude, latitude] order)."""
    return {
        "type": "Feature",
        "id": page.pk,
        "geometry": {
            "type": "Point",
            "coordinates": [float(page.longitude), float(page.latitude)],
        },
        "properties": {
            "title": page.title,
            "url": page.get_full_url(request),
            "summary": page.summary,
            "commune": page.commune,
            "department": page.department,
            "region": page.region,
            "region_name": page.region_name,
            "themes": [{"slug": t.slug, "name": t.name} for t in page.themes.all()],
            "target_groups": [
                {"slug": g.slug, "name": g.label_for(page.locale.language_code)}
                for g in page.target_groups.all()
            ],
            "action_field": page.action_field,
            "start_year": page.start_year,
            "end_year": page.end_year,
            "locale": page.locale.language_code,
        },
    }


@csrf_exempt  # read-only: a POST gets 405, not the CSRF check's 403 page
@require_safe
def practices_geojson(request: HttpRequest) -> JsonResponse:
    try:
        _language, sheets = filtered_sheets(request.GET)
    except BadFilter as error:
        return bad_request(str(error))
    sheets = sheets.filter(latitude__isnull=False, longitude__isnull=False).select_related("locale")
    collection = {
        "type": "FeatureCollection",
        "features": [feature(page, request) for page in sheets],
    }
    return JsonResponse(collection, content_type="application/geo+json")


def ewsi_records(request: HttpRequest) -> list[dict]:
    return [ewsi_record(page, page.get_full_url(request)) for page in live_sheets(EWSI_LANGUAGE)]


@csrf_exempt  # read-only: a POST gets 405, not the CSRF check's 403 page
@require_safe
def practices_ewsi_json(request: HttpRequest) -> HttpResponse:
    if request.GET:
        return bad_request("This export takes no parameter.")
    records = ewsi_records(request)
    body = json.dumps({"count": len(records), "items": records}, ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@csrf_exempt  # read-only: a POST gets 405, not the CSRF check's 403 page
@require_safe
def practices_ewsi_csv(request: HttpRequest) -> HttpResponse:
    if request.GET:
        return bad_request("This export takes no parameter.")
    stream = io.StringIO()
    write_csv(ewsi_records(request), stream)
    response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reci-practices-ewsi.csv"'
    return response


def openapi_paths() -> dict:
    """OpenAPI path items of the practice sheets' endpoints (see api/schema.py)."""
    from api.schema import ERROR_REF, SLUG_NAME, json_response, query_parameter

    from .ewsi import EWSI_FIELDS

    text, year = {"type": "string"}, {"type": ["integer", "null"]}
    properties = {
        "title": text,
        "url": {"type": "string", "format": "uri"},
        "summary": text,
        "commune": text,
        "department": text,
        "region": {**text, "description": "INSEE region code, or empty"},
        "region_name": text,
        "themes": {"type": "array", "items": SLUG_NAME},
        "target_groups": {"type": "array", "items": SLUG_NAME},
        "action_field": text,
        "start_year": year,
        "end_year": year,
        "locale": text,
    }
    feature = {
        "type": "object",
        "properties": {
            "type": {"const": "Feature"},
            "id": {"type": "integer"},
            "geometry": {
                "type": "object",
                "properties": {
                    "type": {"const": "Point"},
                    "coordinates": {
                        "type": "array",
                        "items": {"type": "number"},
                        "minItems": 2,
                        "maxItems": 2,
                        "description": "[longitude, latitude]",
                    },
                },
                "required": ["type", "coordinates"],
                "additionalProperties": False,
            },
            "properties": {
                "type": "object",
                "properties": properties,
                "required": sorted(properties),
                "additionalProperties": False,
            },
        },
        "required": ["type", "id", "geometry", "properties"],
        "additionalProperties": False,
    }
    collection = {
        "type": "object",
        "properties": {
            "type": {"const": "FeatureCollection"},
            "features": {"type": "array", "items": feature},
        },
        "required": ["type", "features"],
        "additionalProperties": False,
    }
    nullable_text = {"type": ["string", "null"]}
    record_properties = {name: nullable_text for name in EWSI_FIELDS} | {
        "id": {"type": "integer"},
        "start_year": year,
        "end_year": year,
        "ongoing": {"type": "boolean"},
        "target_groups": {"type": "array", "items": text},
        "partners": {"type": "array", "items": text},
    }
    ewsi = {
        "type": "object",
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": record_properties,
                    "required": list(EWSI_FIELDS),
                    "additionalProperties": False,
                },
            },
        },
        "required": ["count", "items"],
        "additionalProperties": False,
    }
    error = {"400": json_response("A parameter is invalid", ERROR_REF)}
    filters = [
        query_parameter("theme", text, "Theme slug (see /api/v2/themes/)."),
        query_parameter("target_group", text, "Target group slug."),
        query_parameter("region", {"enum": list(Region.values)}, "INSEE region code."),
        query_parameter("action_field", {"enum": list(ActionField.values)}),
        query_parameter(
            "locale",
            {"enum": [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]},
            "Language of the sheets (default: the site's default language).",
        ),
    ]
    return {
        "/api/v2/practices/geojson/": {
            "get": {
                "operationId": "practices_geojson",
                "tags": ["practices"],
                "summary": "Live practice sheets with a map point, as GeoJSON",
                "parameters": filters,
                "responses": {
                    "200": {
                        "description": "A FeatureCollection",
                        "content": {"application/geo+json": {"schema": collection}},
                    },
                    **error,
                },
            }
        },
        "/api/v2/practices/ewsi.json": {
            "get": {
                "operationId": "practices_ewsi_json",
                "tags": ["practices"],
                "summary": "The live English sheets as EWSI-style records (JSON)",
                "responses": {"200": json_response("Every record", ewsi), **error},
            }
        },
        "/api/v2/practices/ewsi.csv": {
            "get": {
                "operationId": "practices_ewsi_csv",
                "tags": ["practices"],
                "summary": "The same records as a CSV download (lists joined with « ; »)",
                "responses": {
                    "200": {
                        "description": f"CSV with the columns {', '.join(EWSI_FIELDS)}",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    **error,
                },
            }
        },
    }
