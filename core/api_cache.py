"""HTTP and server-side caching of the public API, keyed by a global content version.

Every public API response (`API_CACHE_PATH_PREFIXES`) carries `ETag`, `Last-Modified` and
`Cache-Control: public, max-age=API_CACHE_MAX_AGE`, answers conditional requests with a 304,
and is kept in the Django cache (Redis in production) under its full URL *and* the current
content version. The version changes on every publish, unpublish, move or deletion of a page
and on every save or deletion of a snippet, document or image (`core/api_signals.py`), so an
entry is never served after the content it was built from has changed: old entries are simply
never asked for again and expire.

The public API is anonymous: cookies and credentials are dropped from the request before
anything reads them, so the response cannot depend on them, no session or CSRF cookie is ever
set and the response does not `Vary` on them.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .response_cache import CachedResponse, response_cache_key

logger = logging.getLogger(__name__)

CONTENT_VERSION_KEY = "api:content-version"
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


def bump_content_version() -> str:
    """Give the content a new version now and again once the transaction commits.

    The second bump closes a race: a request served between the change and the commit would
    otherwise cache the old content under the new version. Only the second one is written to
    the database, where the other processes find it: they must not see a version whose
    content is not committed yet.
    """

    def bump() -> str:
        version = str(time.time_ns())
        cache.set(CONTENT_VERSION_KEY, version, None)
        return version

    def bump_and_share() -> None:
        version = bump()
        if settings.CONTENT_VERSION_CHECK_INTERVAL:
            share_version(version)

    transaction.on_commit(bump_and_share)
    return bump()


def share_version(version: str) -> None:
    from .models import ContentVersion

    try:
        if not ContentVersion.objects.filter(pk=1).update(version=version):
            ContentVersion.objects.create(pk=1, version=version)
    except DatabaseError:
        # The change itself is committed; the other processes see it at the next change.
        logger.warning("Could not share the content version", exc_info=True)
    _shared.version = version


class _SharedVersion:
    """What this process last read from the database, and when."""

    version: str | None = None
    checked_at: float = float("-inf")


_shared = _SharedVersion()


def content_version() -> str:
    """The current content version: a nanosecond timestamp of the last change seen.

    Kept in the Django cache. A local-memory cache is one per process, so the version is also
    read from the database at most every `CONTENT_VERSION_CHECK_INTERVAL` seconds: a change
    made by another process (another gunicorn worker, the scheduler, an import) is seen within
    that delay. Any new value there is taken, whatever its order, since clocks may differ
    between servers.
    """
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        # Empty (or flushed) cache: start a version now; nothing older can be served.
        version = str(time.time_ns())
        cache.add(CONTENT_VERSION_KEY, version, None)
        version = cache.get(CONTENT_VERSION_KEY, version)
    interval = settings.CONTENT_VERSION_CHECK_INTERVAL
    if interval and time.monotonic() - _shared.checked_at >= interval:
        shared = read_shared_version()
        _shared.checked_at = time.monotonic()
        if shared is not None and shared != _shared.version:
            if _shared.version is not None:
                # Changed elsewhere since we last looked: everything kept here may be stale.
                version = shared
                cache.set(CONTENT_VERSION_KEY, version, None)
            _shared.version = shared
    return version


def read_shared_version() -> str | None:
    """The version in the database ("" before the first change), None when unreachable."""
    from .models import ContentVersion

    try:
        return ContentVersion.objects.values_list("version", flat=True).filter(pk=1).first() or ""
    except DatabaseError:
        # Database down: keep serving what is cached (see core/resilience.py).
        return None


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
        request.api_content_version = version  # for per-version memos (core/api_views.py)
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


class VersionedMemo:
    """Values computed from the content, kept in this process until the content version changes.

    The version changes with every page, view restriction, site or locale change, so a value
    computed from those under one version stays true while it is current. Bounded: the keys
    may come from the request.
    """

    def __init__(self, max_entries: int = 64):
        self.max_entries = max_entries
        self._state: tuple[str | None, dict] = (None, {})

    def get(self, version: str, key, compute):
        current, values = self._state
        if current != version:
            values = {}
            self._state = (version, values)  # one assignment: threads see old or new state
        try:
            return values[key]
        except KeyError:
            pass
        value = compute()
        if len(values) >= self.max_entries:
            values.clear()
        values[key] = value
        return value


def version_time(version: str) -> float:
    return int(version) / 1e9


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
