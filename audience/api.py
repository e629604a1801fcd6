"""`/api/v2/statistics/?year=`: the yearly figures the delegation made public."""

import datetime

from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .figures import yearly_report
from .models import PublicStatistics

FIRST_YEAR = 2000


def parse_year(value: str | None) -> int:
    """The `year` parameter (default: the current year); ValueError with a French message."""
    this_year = datetime.date.today().year
    if value in (None, ""):
        return this_year
    if not value.isdigit() or not FIRST_YEAR <= int(value) <= this_year:
        raise ValueError(f"« year » doit être une année entre {FIRST_YEAR} et {this_year}.")
    return int(value)


class StatisticsAPIView(APIView):
    """Yearly audience figures (page views, downloads and top 5 documents, notices added)."""

    authentication_classes: list = []
    permission_classes: list = []

    def get(self, request: Request) -> Response:
        unknown = sorted(set(request.query_params) - {"year"})
        if unknown:
            return Response({"message": f"Paramètre inconnu : {', '.join(unknown)}."}, status=400)
        try:
            year = parse_year(request.query_params.get("year"))
        except ValueError as exc:
            return Response({"message": str(exc)}, status=400)
        public = PublicStatistics.load()
        report = yearly_report(year)
        data: dict = {"year": year}
        if public.page_views:
            data["site"], data["base"] = report["site"], report["base"]
            data["months"] = report["months"]
        if public.downloads:
            data["downloads"] = report["downloads"]
        if public.notices_added:
            data["notices_added"] = report["notices_added"]
        if public.searches:
            data["searches"] = report["searches"]
        return Response(data)


api_urlpatterns = [path("", StatisticsAPIView.as_view(), name="statistics")]


def openapi_paths() -> dict:
    from api.schema import ERROR_REF, json_response, query_parameter

    return {
        "/api/v2/statistics/": {
            "get": {
                "operationId": "statistics",
                "tags": ["statistics"],
                "summary": StatisticsAPIView.__doc__.strip(),
                "parameters": [
                    query_parameter(
                        "year", {"type": "integer", "minimum": FIRST_YEAR}, "Default: this year."
                    )
                ],
                "responses": {
                    "200": json_response(
                        "The public figures of the year (the parts the delegation chose)",
                        {"type": "object", "properties": {"year": {"type": "integer"}}},
                    ),
                    "400": json_response("A parameter is invalid", ERROR_REF),
                },
            }
        }
    }
