"""Read-only API endpoints for the shared vocabulary and the member structures.

The fields come from each model's `api_fields`; these endpoints add field filters
(`?slug=laicite`, `?region=44`), ordering (`?order=name`) and search (`?search=ville`).
"""

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.views import BaseAPIViewSet

from core.models import Organisation, Theme


class SnippetAPIViewSet(BaseAPIViewSet):
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]

    def get_queryset(self):
        return self.model.objects.all()


class ThemesAPIViewSet(SnippetAPIViewSet):
    model = Theme
    name = "themes"
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "slug"]


class OrganisationsAPIViewSet(SnippetAPIViewSet):
    model = Organisation
    name = "organisations"
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "acronym",
        "name",
        "city",
        "region_name",
        "is_current_member",
    ]
