"""The syndication responses kept in the Django cache, as the public pages are.

Keyed on the content version (`api/content_version.py`), which every announced change bumps
(`core/changes.py`): a publication, an unpublication or a notice's change shows at once in the
feeds, the sitemap and the calendars. The day is in the key too, since « à venir » moves with
it. Feeds, sitemaps and calendars only hold public content, the same for every visitor, so a
session does not stop them from being kept. Kept for `PAGE_CACHE_TIMEOUT` seconds (0: off).
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from api.content_version import content_version
from api.response_cache import CachedResponse, response_cache_key

KEY_PREFIX = "syndication:response"
NOT_REPLAYED = {"set-cookie", "content-length", "content-type"}


def cached_by_content_version(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve `view`'s successful GET responses from the cache while the content is unchanged."""

    @wraps(view)
    def cached_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        timeout = settings.PAGE_CACHE_TIMEOUT
        if not timeout or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        prefix = f"{KEY_PREFIX}:{timezone.localdate().isoformat()}"
        key = response_cache_key(request, content_version(), prefix)
        entry = cache.get(key)
        if entry is not None:
            return entry.to_response()
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.streaming:
            cache.set(key, freeze(response), timeout)
        return response

    return cached_view


def freeze(response: HttpResponse) -> CachedResponse:
    return CachedResponse.freeze(
        response, not_replayed=NOT_REPLAYED, default_content_type="application/xml"
    )
