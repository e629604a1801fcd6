import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def api_response_cache(settings):
    """The API tests run with the server-side response cache on, emptied for each test."""
    settings.API_CACHE_TIMEOUT = 600
    cache.clear()
    yield
    cache.clear()
