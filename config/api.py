"""The one public API router: `/api/v2/`. Each app contributes its own endpoints.

`ReciAPIRouter` (api/router.py) gives every endpoint registered here the shared parameter
validation; caching, CORS and the OpenAPI document apply to all of them too.
"""

from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from api import preview as api_preview
from api.router import ReciAPIRouter
from api.views import ContentPagesAPIViewSet
from api.vocabulary import OrganisationsAPIViewSet, ThemesAPIViewSet
from bibliography.api import ReferencesAPIViewSet
from experiences import api as practices_api
from publications.api import PressItemsAPIViewSet, ToolkitToolsAPIViewSet
from search import api as search_api

api_router = ReciAPIRouter("wagtailapi")

api_router.register_endpoint("pages", ContentPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
api_router.register_endpoint("themes", ThemesAPIViewSet)
api_router.register_endpoint("organisations", OrganisationsAPIViewSet)
api_router.register_endpoint("references", ReferencesAPIViewSet)
api_router.register_endpoint("press", PressItemsAPIViewSet)
api_router.register_endpoint("toolkit-tools", ToolkitToolsAPIViewSet)

# Endpoints outside the router describe themselves for the OpenAPI document (/api/schema/).
openapi_paths = (search_api.openapi_paths, practices_api.openapi_paths, api_preview.openapi_paths)
