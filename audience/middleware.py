"""Count audience on the server, after the response is built (cached responses included).

A page reached by a newsletter's link (`?mtm_campaign=lettre-12`, `core/campaigns.py`) counts
as a page view and, apart, as a visit from that issue."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from core.campaigns import campaign_label, campaign_of

from . import buffer
from .models import Event, Kind
from .rules import COUNTED_FROM_CAMPAIGNS, classify, is_bot, is_editor
from .visitors import first_of_the_day, observe

logger = logging.getLogger(__name__)


def documentary_base_prefix() -> str | None:
    from bibliography.models.references import bibliography_index_url

    return bibliography_index_url()


class AudienceMiddleware:
    """Placed before the caches, so that a page served from them counts too. Sets no cookie
    and reads none; anything failing here is logged and the response goes out unchanged."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Read first: the page cache drops tracking parameters from the request.
        campaign = campaign_of(request.GET) if request.method == "GET" else None
        response = self.get_response(request)
        if not settings.AUDIENCE_ENABLED:
            return response
        try:
            self.count(request, response, campaign)
        except Exception:
            logger.warning("Audience count failed", exc_info=True)
        return response

    def count(self, request: HttpRequest, response: HttpResponse, campaign: str | None) -> None:
        if is_bot(request.META.get("HTTP_USER_AGENT", "")) or is_editor(request):
            return
        if request.method != "GET" or request.path.startswith(("/admin/", "/static/")):
            return
        hit = classify(request, response, documentary_base_prefix())
        if hit is None:
            return
        now = timezone.localtime()
        new_visitor, bot = observe(request, now)
        if bot:
            return
        buffer.add(
            Event(
                kind=hit.kind,
                area=hit.area,
                day=now.date(),
                key=hit.key,
                label=hit.label[:255],
                new_visitor=new_visitor,
                results=hit.results,
            )
        )
        if campaign and hit.kind in COUNTED_FROM_CAMPAIGNS:
            # A visit from a newsletter's link: the issue, and whether this visitor came from
            # it already today (the same daily hash, in the cache only).
            buffer.add(
                Event(
                    kind=Kind.CAMPAIGN,
                    area=hit.area,
                    day=now.date(),
                    key=campaign,
                    label=campaign_label(campaign),
                    new_visitor=first_of_the_day(request, now, f"campaign:{campaign}"),
                )
            )
