"""Everything under `/api/`: what the apps declare (`api/registry.py`), the OpenAPI document
(`/api/schema/`) and its documentation (`/api/docs/`)."""

from django.urls import include, path

from . import docs
from .registry import api_router, registered_views

urlpatterns = [
    *(path(views.prefix, include(views.urlpatterns)) for views in registered_views()),
    path("v2/", api_router.urls),
    path("schema/", docs.schema_view, name="api_schema"),
    path("docs/", docs.docs_view, name="api_docs"),
]
