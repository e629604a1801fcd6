"""The audience figures' endpoint: `/api/v2/statistics/`."""

from api.registry import register_views

from .api import api_urlpatterns, openapi_paths

register_views("v2/statistics/", api_urlpatterns, openapi_paths)
