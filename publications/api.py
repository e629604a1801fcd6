"""Read-only API endpoints: the press watch and the tools of the pedagogical toolkits."""

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from .choices import ToolAudience, ToolKind
from .forms import ToolFilterForm
from .models import PressItem, ToolkitPage, ToolkitTool


class PressItemsAPIViewSet(BaseAPIViewSet):
    """`/api/v2/press/`: newest first; `?source=`, `?date=`, `?search=`, `?order=`."""

    model = PressItem
    name = "press"
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "source",
        "date",
        "url",
    ]

    def get_queryset(self):
        return PressItem.objects.prefetch_related("themes", "organisations").order_by(
            "-date", "-pk"
        )


class ToolkitToolsAPIViewSet(BaseAPIViewSet):
    """`/api/v2/toolkit-tools/?toolkit=<page id>&kind=jeu&audience=adolescents`.

    Only tools of live, public toolkits; unknown values are a 400 with the accepted ones.
    """

    model = ToolkitTool
    name = "toolkit-tools"
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["toolkit", "kind", "audience"]
    )
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "kind",
        "audience",
        "toolkit",
    ]

    @classmethod
    def openapi_parameters(cls) -> list[dict]:
        from api.schema import query_parameter

        return [
            query_parameter("toolkit", {"type": "integer"}, "Id of the toolkit page."),
            query_parameter("kind", {"enum": list(ToolKind.values)}, "Kind of tool."),
            query_parameter("audience", {"enum": list(ToolAudience.values)}, "Audience."),
        ]

    def get_queryset(self):
        toolkits = ToolkitPage.objects.live().public()
        tools = ToolkitTool.objects.filter(page__in=toolkits).select_related("page", "image")
        toolkit = self.request.GET.get("toolkit")
        if toolkit is not None:
            try:
                tools = tools.filter(page_id=int(toolkit))
            except ValueError as exc:
                raise BadRequestError("toolkit must be a page id (an integer)") from exc
        form = ToolFilterForm(self.request.GET)
        if not form.is_valid():
            raise BadRequestError(
                "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
            )
        return form.filter(tools).order_by("page_id", "sort_order", "pk")
