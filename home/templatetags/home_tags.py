"""What the home page's agenda shows: the coming events by date, not the latest published."""

import datetime
from dataclasses import dataclass

from django import template
from django.utils import timezone
from wagtail.models import Page

from publications.models import EventPage

register = template.Library()


@register.simple_tag
def upcoming_events(section: Page, count: int = 3) -> list[EventPage]:
    """The next `count` live, public events below the agenda, soonest first (an event that
    began earlier and is still running included)."""
    today = timezone.localdate()
    events = EventPage.objects.live().public().descendant_of(section)
    still_on = events.filter(end_date__gte=today) | events.filter(
        end_date__isnull=True, date__gte=today
    )
    return list(still_on.order_by("date", "pk")[:count])


@register.filter
def is_event_index(page: Page) -> bool:
    return page.specific_class.__name__ == "EventIndexPage"


@dataclass(frozen=True)
class Card:
    page: Page
    date: datetime.date | None
    summary: str


def cards_for(pages: list[Page]) -> dict[int, Card]:
    """The pages with their date and summary, read in one query per content type
    (`HomePage.sections` and `featured` defer the specific fields)."""
    by_model: dict[type, list[int]] = {}
    for page in pages:
        by_model.setdefault(page.specific_class, []).append(page.pk)
    details: dict[int, tuple] = {}
    for model, ids in by_model.items():
        names = {field.name for field in model._meta.get_fields()}
        if {"date", "summary"} <= names:
            rows = model.objects.filter(pk__in=ids).values_list("pk", "date", "summary")
            details.update({pk: (date, summary) for pk, date, summary in rows})
    return {page.pk: Card(page, *details.get(page.pk, (None, ""))) for page in pages}


@register.simple_tag
def home_content(home: Page) -> dict:
    """The featured pages and each section's latest items as cards, in one query per content
    type shown, whatever the number of sections."""
    featured = home.featured
    sections = home.sections
    cards = cards_for([*featured, *(item for _section, latest in sections for item in latest)])
    return {
        "featured": [cards[page.pk] for page in featured],
        "sections": [
            (section, [cards[item.pk] for item in latest]) for section, latest in sections
        ],
    }
