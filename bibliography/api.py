"""`/api/v2/references/`: live notices with CSL-JSON and a formatted citation.

Filters: `?type=`, `?year=`, `?year_from=`, `?year_to=`, `?theme=<slug>`,
`?organisation=<acronym>`, `?author=`, `?search=`; `?style=iso690-fr|apa` for the citation.
`?format=ris|bibtex|csljson` downloads the whole filtered result (not paginated) as a file;
`?format=json` (or none) is the usual JSON. Any other format is a 400.
"""

from django.db.models import Q
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.filters import OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from .choices import ReferenceType
from .citations import STYLES
from .exports import WRITERS, export_response
from .formats import FORMATS
from .models import Reference

JSON_FORMATS = {None, "", "json", "api"}


class ReferenceFilter:
    """The notice-specific filters, with clear errors for malformed values."""

    def filter_queryset(self, request, queryset, view):
        params = request.query_params
        if params.get("id"):
            try:
                queryset = queryset.filter(pk=int(params["id"]))
            except ValueError as exc:
                raise BadRequestError(f"id: expected an integer, got {params['id']!r}") from exc
        if params.get("type"):
            if params["type"] not in ReferenceType.values:
                raise BadRequestError(
                    f"type: unknown reference type, expected one of {', '.join(ReferenceType)}"
                )
            queryset = queryset.filter(reference_type=params["type"])
        for name, lookup in (
            ("year", "year"),
            ("year_from", "year__gte"),
            ("year_to", "year__lte"),
        ):
            if params.get(name):
                try:
                    queryset = queryset.filter(**{lookup: int(params[name])})
                except ValueError as exc:
                    raise BadRequestError(f"{name}: expected a year, got {params[name]!r}") from exc
        if params.get("theme"):
            queryset = queryset.filter(themes__slug=params["theme"])
        if params.get("organisation"):
            queryset = queryset.filter(organisation__acronym__iexact=params["organisation"])
        if params.get("author"):
            name = params["author"]
            queryset = queryset.filter(
                Q(contributors__family__icontains=name)
                | Q(contributors__literal__icontains=name)
                | Q(contributors__given__icontains=name)
            )
        return queryset.distinct()


class ReferencesAPIViewSet(BaseAPIViewSet):
    model = Reference
    name = "references"
    filter_backends = [ReferenceFilter, OrderingFilter, SearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["type", "year", "year_from", "year_to", "theme", "organisation", "author", "style"]
    )
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "reference_type",
        "title",
        "subtitle",
        "year",
        "abstract",
        "csl",
        "citation",
        "public_url",
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "reference_type",
        "title",
        "year",
        "citation",
    ]

    def get_queryset(self):
        return Reference.objects.live().with_related().order_by("-year", "title", "pk")

    @classmethod
    def openapi_parameters(cls) -> list[dict]:
        from api.schema import query_parameter

        text, year = {"type": "string"}, {"type": "integer"}
        return [
            query_parameter("type", text, "CSL type (book, report, article-journal…)."),
            query_parameter("year", year, "Year of publication."),
            query_parameter("year_from", year, "Published this year or later."),
            query_parameter("year_to", year, "Published this year or earlier."),
            query_parameter("theme", text, "Theme slug."),
            query_parameter("organisation", text, "Acronym of the holding member structure."),
            query_parameter("author", text, "Part of an author's or editor's name."),
            query_parameter(
                "style", {"enum": sorted(STYLES)}, "Citation style of the `citation` field."
            ),
            query_parameter(
                "format",
                {"enum": ["json", *WRITERS]},
                "`ris`, `bibtex` or `csljson`: download the whole filtered result as a file"
                " (not paginated); `json` (default): the usual listing.",
            ),
        ]

    @classmethod
    def openapi_downloads(cls) -> dict[str, dict]:
        """The media types `?format=` answers with, besides JSON."""
        downloads = {}
        for fmt in WRITERS:
            _label, media_type, _extension = FORMATS[fmt]
            schema = {"type": "array"} if fmt == "csljson" else {"type": "string"}
            downloads[media_type] = {"schema": {**schema, "description": f"?format={fmt}"}}
        return downloads

    def perform_content_negotiation(self, request, force=False):
        fmt = request.query_params.get("format")
        if fmt in WRITERS or force:
            return (JSONRenderer(), JSONRenderer.media_type)
        if fmt not in JSON_FORMATS:
            raise BadRequestError(
                f"format: unknown format {fmt!r}, expected json, {', '.join(WRITERS)}"
            )
        return super().perform_content_negotiation(request, force)

    def _check_style(self, request) -> None:
        style = request.query_params.get("style")
        if style is not None and style not in STYLES:
            raise BadRequestError(f"style: unknown style {style!r}, expected {', '.join(STYLES)}")

    def listing_view(self, request):
        self._check_style(request)
        fmt = request.query_params.get("format")
        if fmt in WRITERS:
            queryset = self.get_queryset()
            self.check_query_parameters(queryset)
            queryset = self.filter_queryset(queryset)
            return export_response([r.to_csl() for r in queryset], fmt, "notices")
        return super().listing_view(request)

    def detail_view(self, request, pk):
        self._check_style(request)
        fmt = request.query_params.get("format")
        if fmt in WRITERS:
            reference = self.get_object()
            return export_response([reference.to_csl()], fmt, f"notice-{reference.pk}")
        return super().detail_view(request, pk)
