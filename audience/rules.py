"""What counts: which requests are audience, of what kind, and who is left out.

Counted: successful GETs of public pages (HTML), of the API's detail endpoints (apart), of
document downloads, of notice pages, and searches (their terms). Left out: the admin, static
files, previews, logged-in editors, and bots (by user agent here, by behaviour in
`visitors.py`).

A view whose path holds a secret (the newsletter's signed links) names the path to count
instead in `request.audience_path`, so that the secret is never stored.
"""

import json
import re
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

from .models import Area, Kind

BOT_AGENTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|fetch|scan|monitor|preview|headless|lighthouse|"
    r"curl|wget|python|java/|go-http|okhttp|libwww|httpclient|axios|node-fetch|feed|harvest",
    re.IGNORECASE,
)
NOT_AUDIENCE = ("/admin/", "/django-admin/", "/static/", "/media/", "/api/schema", "/api/docs")
API_DETAIL = re.compile(r"^/api/v2/(?P<endpoint>pages|references|[a-z-]+)/(?P<pk>\d+)/$")
DOCUMENT = re.compile(r"^/documents/(?P<pk>\d+)/")
NOTICE = re.compile(r"/notices/(?P<pk>\d+)/$")
SEARCH_PATHS = ("/recherche/", "/en/recherche/", "/api/v2/search/")
MAX_TERMS = 100
# Hits that count as a visit from a newsletter's link when they carry its campaign.
COUNTED_FROM_CAMPAIGNS = frozenset({Kind.PAGE, Kind.NOTICE, Kind.DOWNLOAD})


@dataclass(frozen=True)
class Hit:
    kind: str
    area: str
    key: str
    label: str = ""
    results: int | None = None


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOT_AGENTS.search(user_agent))


def is_editor(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def search_terms(request: HttpRequest) -> str:
    """The query's words, lower-cased and spaced once (no other part of the request kept)."""
    query = request.GET.get("q", "") or request.GET.get("search", "")
    return " ".join(query.lower().split())[:MAX_TERMS]


def result_count(request: HttpRequest, response: HttpResponse) -> int | None:
    """How many results a search found: told by the search page, read from the API's answer
    (served from the cache too)."""
    count = getattr(request, "audience_results", None)
    if count is None and "json" in response.get("Content-Type", ""):
        try:
            count = json.loads(response.content).get("total")
        except (ValueError, AttributeError):
            return None
    return count if isinstance(count, int) else None


def classify(request: HttpRequest, response: HttpResponse, base_prefix: str | None) -> Hit | None:
    """The hit this request counts as, or None."""
    path = request.path
    if request.method != "GET" or path.startswith(NOT_AUDIENCE):
        return None
    if getattr(request, "is_preview", False):
        return None
    status = response.status_code
    if match := DOCUMENT.match(path):
        if status in (200, 302):
            return Hit(Kind.DOWNLOAD, Area.BASE, f"document:{match['pk']}")
        return None
    if status != 200:
        return None
    in_base = bool(base_prefix) and path.startswith(base_prefix)
    area = Area.BASE if in_base else Area.SITE
    if path.startswith(SEARCH_PATHS):
        terms = search_terms(request)
        if (
            not terms
            or request.GET.get("page", "1") not in ("", "1")
            or request.GET.get("offset", "0") not in ("", "0")
        ):
            return None  # the query counts once, not once per results page
        return Hit(Kind.SEARCH, area, terms, results=result_count(request, response))
    if match := API_DETAIL.match(path):
        endpoint = match["endpoint"]
        area = Area.BASE if endpoint == "references" else Area.SITE
        return Hit(Kind.API, area, f"{endpoint}:{match['pk']}")
    if path.startswith("/api/"):
        return None  # listings are not views of a content
    if "text/html" not in response.get("Content-Type", ""):
        return None
    if in_base and (match := NOTICE.search(path)):
        return Hit(Kind.NOTICE, Area.BASE, f"reference:{match['pk']}")
    return Hit(Kind.PAGE, area, (getattr(request, "audience_path", None) or path)[:255])
