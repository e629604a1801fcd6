from django.urls import path

from .api import SearchAPIView, SuggestAPIView

api_urlpatterns = [
    path("", SearchAPIView.as_view(), name="search_api"),
    path("suggest/", SuggestAPIView.as_view(), name="search_suggest_api"),
]
