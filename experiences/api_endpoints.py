"""The practice sheets' endpoints: the map's GeoJSON and the EWSI exports."""

from api.registry import register_views

from . import api, urls

register_views("v2/practices/", urls.urlpatterns, api.openapi_paths)
