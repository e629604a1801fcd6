"""Count audience on the server, after the response is built (cached responses included)."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from . import buffer
from .models import Event
from .rules import classify, is_bot, is_editor
from .visitors import observe

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
        response = self.get_response(request)
        if not settings.AUDIENCE_ENABLED:
            return response
        try:
            self.count(request, response)
        except Exception:
            logger.warning("Audience count failed", exc_info=True)
        return response

    def count(self, request: HttpRequest, response: HttpResponse) -> None:
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
