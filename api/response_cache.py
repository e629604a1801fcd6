"""Responses kept in the Django cache under their full URL and the content version.

Shared by the public API's cache (`api/cache.py`, entries with an `ETag`) and the public
HTML pages' cache (`api/page_cache.py`, without): the key names the content version
(`api/content_version.py`), so an entry built before a change is never asked for again.
"""

import hashlib
from collections.abc import Collection
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date


def response_cache_key(request: HttpRequest, version: str, prefix: str) -> str:
    """`prefix:version:sha256(absolute URL)`: one entry per URL and content version."""
    url_hash = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"{prefix}:{version}:{url_hash}"


@dataclass(frozen=True)
class CachedResponse:
    """What is kept of a response: enough to rebuild it, never its cookies.

    `etag` and `last_modified` (a timestamp) are set on the rebuilt response when given. The
    rebuilt response has its `Content-Length`: served from the cache, it skips the middleware
    that would add it (`CommonMiddleware`), and the server would otherwise send it chunked.
    """

    status: int
    content: bytes
    content_type: str
    headers: tuple[tuple[str, str], ...] = ()
    etag: str | None = None
    last_modified: float | None = None

    @classmethod
    def freeze(
        cls,
        response: HttpResponse,
        *,
        not_replayed: Collection[str],
        default_content_type: str,
        etag: str | None = None,
        last_modified: float | None = None,
    ) -> "CachedResponse":
        """Keep `response`, less the headers named (lower case) in `not_replayed`."""
        return cls(
            status=response.status_code,
            content=response.content,
            content_type=response.get("Content-Type", default_content_type),
            headers=tuple(
                (name, value)
                for name, value in response.items()
                if name.lower() not in not_replayed
            ),
            etag=etag,
            last_modified=last_modified,
        )

    def to_response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status, content_type=self.content_type)
        for name, value in self.headers:
            response[name] = value
        response["Content-Length"] = str(len(self.content))
        if self.etag is not None:
            response["ETag"] = self.etag
        if self.last_modified is not None:
            response["Last-Modified"] = http_date(self.last_modified)
        return response
