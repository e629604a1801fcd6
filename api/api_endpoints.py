"""The API's own endpoints: every page, images, documents, the shared vocabulary, the preview,
and the index of them all at `/api/v2/`."""

from django.urls import path
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from . import index, preview
from .registry import register_endpoint, register_views
from .views import ContentPagesAPIViewSet
from .vocabulary import OrganisationsAPIViewSet, ThemesAPIViewSet

register_endpoint("pages", ContentPagesAPIViewSet)
register_endpoint("images", ImagesAPIViewSet)
register_endpoint("documents", DocumentsAPIViewSet)
register_endpoint("themes", ThemesAPIViewSet)
register_endpoint("organisations", OrganisationsAPIViewSet)

register_views(
    "preview/",
    [path("", preview.preview_view, name="api_preview")],
    preview.openapi_paths,
)

register_views(
    "",
    [path("", index.root_view, name="api_root"), path("v2/", index.index_view, name="api_index")],
    index.openapi_paths_of_index,
)
