"""URLs of the practice sheets' public endpoints, included under `/api/v2/practices/`."""

from django.urls import path

from . import api

urlpatterns = [
    path("geojson/", api.practices_geojson, name="practices_geojson"),
    path("ewsi.json", api.practices_ewsi_json, name="practices_ewsi_json"),
    path("ewsi.csv", api.practices_ewsi_csv, name="practices_ewsi_csv"),
]
