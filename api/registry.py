"""What `/api/` serves: the router's endpoints and the views beside it, as each app declares them.

Each app declares its part of the public API in an `api_endpoints.py` module, imported at
start-up by `ApiConfig.ready()` (as each app declares its search sources in `search_sources.py`):

    from api.registry import register_endpoint

    from .api import ReferencesAPIViewSet

    register_endpoint("references", ReferencesAPIViewSet)

`register_endpoint` adds a Wagtail API viewset at `/api/v2/<name>/`: the router gives it the
shared parameter validation and JSON rendering (`api/router.py`), the OpenAPI document
describes it from its model (`api/schema.py`), and the response cache and its invalidation
cover it (`api/cache.py`, `api/signals.py`). `register_views` mounts other views under
`/api/<prefix>` (`v2/search/`, `v2/practices/`), with a function returning their OpenAPI path
items. `api/urls.py` mounts all of it; `config/urls.py` only includes `api.urls`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .router import ReciAPIRouter

api_router = ReciAPIRouter("wagtailapi")


@dataclass(frozen=True)
class Views:
    """Views outside the router, mounted at `/api/<prefix>` and described by `openapi_paths()`."""

    prefix: str
    urlpatterns: list
    openapi_paths: Callable[[], dict]


_views: dict[str, Views] = {}


def register_endpoint(name: str, viewset: type) -> None:
    """Serve `viewset` (a Wagtail API viewset) at `/api/v2/<name>/`."""
    api_router.register_endpoint(name, viewset)


def register_views(prefix: str, urlpatterns: list, openapi_paths: Callable[[], dict]) -> None:
    """Mount `urlpatterns` at `/api/<prefix>`; `openapi_paths()` returns their path items."""
    _views[prefix] = Views(prefix, urlpatterns, openapi_paths)


def registered_views() -> tuple[Views, ...]:
    """The views outside the router, in the order they were declared."""
    return tuple(_views.values())


def openapi_paths() -> tuple[Callable[[], dict], ...]:
    """What describes the views outside the router in the OpenAPI document (`build_schema`)."""
    return tuple(views.openapi_paths for views in _views.values())
