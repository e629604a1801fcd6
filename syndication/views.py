"""The syndication views: sitemap and robots.txt, calendars. Feeds are in `feeds.py`."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from .cache import cached_by_content_version
from .calendars import build_calendar, public_events, upcoming_events
from .sitemaps import site_sitemaps, url_count

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


@require_safe
@cached_by_content_version
def sitemap_root(request: HttpRequest) -> HttpResponse:
    """`/sitemap.xml`: every URL in one file while they fit, else an index of the sections."""
    sitemaps = site_sitemaps(request)
    if url_count(sitemaps) <= settings.SITEMAP_MAX_URLS:
        return sitemap_views.sitemap(request, sitemaps)
    return sitemap_views.index(request, sitemaps, sitemap_url_name="sitemap-section")


@require_safe
@cached_by_content_version
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """One section of the index, in pages of `SITEMAP_MAX_URLS` (`?p=2`)."""
    return sitemap_views.sitemap(request, site_sitemaps(request), section=section)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@cached_by_content_version
def event_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """One public event, to add to a calendar (« Ajouter à mon agenda »)."""
    page = get_object_or_404(public_events(), pk=pk)
    content = build_calendar([page], page.title, request)
    return calendar_response(content, f"{page.slug}.ics")


@require_safe
@cached_by_content_version
def upcoming_calendar(request: HttpRequest) -> HttpResponse:
    """The upcoming events, as a calendar to subscribe to."""
    content = build_calendar(upcoming_events(), "Réseau RECI : agenda", request)
    return calendar_response(content, "agenda-reseau-reci.ics")
