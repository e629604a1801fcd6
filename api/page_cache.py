"""Server-side cache of the public HTML pages, for anonymous visitors only.

A Wagtail page rendered for a visitor without a session is kept in the Django cache (Redis in
production, local memory otherwise) under its full URL and the content version of
`api/content_version.py`, which changes on every publish, unpublish, move or deletion of a page and
on every change of a snippet, document or image: a publication shows at once, and old entries
are never asked for again.

What is never kept or never served from the cache:
- requests with a session cookie, a messages cookie or credentials (logged-in editors, visitors
  who entered a page's password): they always get a freshly rendered page;
- pages with a view restriction (private, password or group), their login redirects and
  password forms; previews (they are not served through Wagtail's `serve` view);
- responses that set a cookie, rendered a CSRF token (forms), say `private`/`no-store`/
  `no-cache`, or are not a plain 200.

Tracking parameters (`?mtm_campaign=lettre-12` on the newsletter's links, `utm_*`:
`core/campaigns.py`) are dropped from the request before anything else: a tagged link is served
the page kept for the URL without them, and a page rendered for it (its pagination keeps the
query) never hands the tag on. The audience middleware, before this one, has read them.

`mark_cacheable` (an `on_serve_page` hook, `api/wagtail_hooks.py`) tells the middleware that a
response is a public page; anything else (admin, search, documents, errors) passes through.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import get_max_age
from wagtail.models import Page

from core.campaigns import without_tracking

from .content_version import content_version
from .response_cache import CachedResponse, response_cache_key

PAGE_KEY_PREFIX = "page:response"
CACHEABLE_FLAG = "_reci_page_cacheable"
# Headers that must never be replayed, or that the response rebuilds itself.
NOT_REPLAYED = {"set-cookie", "content-length", "content-type"}
NOT_CACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
SKIPPED_PREFIXES = ("/admin/", "/api/", "/documents/")


def is_anonymous_get(request: HttpRequest) -> bool:
    """A GET that no cookie or credential can personalise."""
    return (
        request.method == "GET"
        and not request.path_info.startswith(SKIPPED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if not getattr(request, CACHEABLE_FLAG, False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        # A CSRF token was rendered: the page holds a form bound to this visitor.
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in NOT_CACHEABLE_DIRECTIVES):
        return False
    return get_max_age(response) != 0


class PageCacheMiddleware:
    """Put right after `APICacheMiddleware`, before the session and authentication middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        drop_tracking_parameters(request)
        if not settings.PAGE_CACHE_TIMEOUT or not is_anonymous_get(request):
            return self.get_response(request)
        key = response_cache_key(request, content_version(), PAGE_KEY_PREFIX)
        entry = cache.get(key)
        if entry is not None:
            return entry.to_response()
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            cache.set(key, freeze(response), settings.PAGE_CACHE_TIMEOUT)
        return response


def drop_tracking_parameters(request: HttpRequest) -> None:
    """Remove the tracking parameters from a GET's query, outside the API (whose unknown
    parameters are a 400) and the admin."""
    if request.method != "GET" or request.path_info.startswith(SKIPPED_PREFIXES):
        return
    query = request.META.get("QUERY_STRING", "")
    kept = without_tracking(query)
    if kept != query:
        request.META["QUERY_STRING"] = kept
        request.GET = QueryDict(kept, encoding=request.encoding)


def freeze(response: HttpResponse) -> CachedResponse:
    return CachedResponse.freeze(
        response, not_replayed=NOT_REPLAYED, default_content_type="text/html; charset=utf-8"
    )


def mark_cacheable(serve_page: Callable) -> Callable:
    """`on_serve_page` hook: flag the response of a public page served to an anonymous visitor."""

    def serve(page: Page, request: HttpRequest, args, kwargs) -> HttpResponse:
        response = serve_page(page, request, args, kwargs)
        if (
            not request.user.is_authenticated
            and not getattr(request, "is_preview", False)
            and page.live
            and not page.get_view_restrictions()
        ):
            setattr(request, CACHEABLE_FLAG, True)
        return response

    return serve
