"""HTTP and server-side caching of the public API, keyed by a global content version.

Every public API response (`API_CACHE_PATH_PREFIXES`) carries `ETag`, `Last-Modified` and
`Cache-Control: public, max-age=API_CACHE_MAX_AGE`, answers conditional requests with a 304,
and is kept in the Django cache (Redis in production) under its full URL *and* the current
content version (`api/content_version.py`). The version changes on every publish, unpublish,
move or deletion of a page and on every save or deletion of a snippet, document or image
(`api/signals.py`), so an entry is never served after the content it was built from has
changed: old entries are simply never asked for again and expire.

The public API is anonymous: cookies and credentials are dropped from the request before
anything reads them, so the response cannot depend on them, no session or CSRF cookie is ever
set and the response does not `Vary` on them.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .content_version import content_version, version_time
from .response_cache import CachedResponse, response_cache_key

RESPONSE_KEY_PREFIX = "api:response"
# Headers that cannot change an anonymous, cookie-less, English-messaged JSON response.
IGNORED_VARY = {"cookie", "accept-language", "authorization"}
# Headers rebuilt on every answer, or that must never be replayed from the cache.
NOT_REPLAYED = {"set-cookie", "content-type", "content-length", "etag", "last-modified", "vary"}
# Request headers that can turn an answer into a 304 or a 412.
CONDITIONAL_HEADERS = {
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
}


def is_public_api_request(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and request.path.startswith(
        tuple(settings.API_CACHE_PATH_PREFIXES)
    )


class APICacheMiddleware:
    """Put right after `CorsMiddleware`, before the session and authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_public_api_request(request):
            return self.get_response(request)
        make_anonymous(request)
        version = content_version()
        request.api_content_version = version  # for per-version memos (api/views.py)
        key = response_cache_key(request, version, RESPONSE_KEY_PREFIX)
        entry = cache.get(key) if settings.API_CACHE_TIMEOUT else None
        if entry is None:
            response = self.get_response(request)
            entry = self.remember(key, version, response)
            if entry is None:
                response["Last-Modified"] = http_date(version_time(version))
                return finish(response)
        # The entry's ETag and Last-Modified are on the rebuilt response and on its 304.
        response = entry.to_response()
        if CONDITIONAL_HEADERS.intersection(request.META):
            response = get_conditional_response(
                request,
                etag=entry.etag,
                last_modified=int(entry.last_modified),
                response=response,
            )
        return finish(response)

    def remember(self, key: str, version: str, response: HttpResponse) -> CachedResponse | None:
        """Keep a successful JSON response; anything else is passed through uncached."""
        if response.status_code != 200 or response.streaming:
            return None
        entry = CachedResponse.freeze(
            response,
            # Content-Disposition of the references' RIS/BibTeX exports, for instance, is kept.
            not_replayed=NOT_REPLAYED,
            default_content_type="application/json",
            etag=f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"',
            last_modified=version_time(version),
        )
        if settings.API_CACHE_TIMEOUT:
            cache.set(key, entry, settings.API_CACHE_TIMEOUT)
        return entry


def make_anonymous(request: HttpRequest) -> None:
    """Drop cookies and credentials: the public API must answer every client the same way."""
    for header in ("HTTP_COOKIE", "HTTP_AUTHORIZATION"):
        request.META.pop(header, None)
    request.COOKIES = {}


def finish(response: HttpResponse) -> HttpResponse:
    """Public caching for everyone, no cookie, no `Vary` on what the API ignores."""
    patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
    if response.has_header("Vary"):
        kept = [
            value.strip()
            for value in response["Vary"].split(",")
            if value.strip().lower() not in IGNORED_VARY
        ]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]
    response.cookies.clear()
    return response
