"""The unified search's endpoints: `/api/v2/search/` and `/api/v2/search/suggest/`."""

from api.registry import register_views

from . import api
from .urls import api_urlpatterns

register_views("v2/search/", api_urlpatterns, api.openapi_paths)
