import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import cache


def redis_location(url: str, worker_id: str) -> str:
    """`url` with a Redis database of the test worker's own (1 for a lone process, 2 for gw1…):
    `cache.clear()` empties a whole Redis database, so workers must not share one."""
    number = 1 if worker_id == "master" else int(worker_id.removeprefix("gw")) + 1
    return urlunsplit(urlsplit(url)._replace(path=f"/{number}"))


@pytest.fixture(autouse=True)
def api_response_cache(settings):
    """The API tests run with the server-side response cache on, emptied for each test: in
    Redis when REDIS_URL is set (as on the application servers, and in .ci/run), in local
    memory otherwise."""
    settings.API_CACHE_TIMEOUT = 600
    if os.environ.get("REDIS_URL"):
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_location(
                    os.environ["REDIS_URL"], os.environ.get("PYTEST_XDIST_WORKER", "master")
                ),
                "KEY_PREFIX": "reci-test",
            }
        }
    cache.clear()
    yield
    cache.clear()
