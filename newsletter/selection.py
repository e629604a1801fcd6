"""The pre-filled selection of an issue: what was published in its period, grouped by kind.

Content of the period (by each page's `date`): notes, « Point de vue » papers, toolkits,
thematic bibliographies with a new edition, practice sheets; then the events of the six months
from the issue's date and the latest articles of the press watch. Live, public pages only, in
the issue's language. The editor then removes, reorders or adds items.
"""

import datetime

from django.conf import settings
from django.db.models import QuerySet
from wagtail.models import Locale

from bibliography.models import ThematicBibliographyPage
from experiences.models import PracticeSheetPage
from publications.models import EventPage, NotePage, PointDeVuePage, PressItem, ToolkitPage

from .choices import ItemKind

# Events until the next issue, about six months later: later ones wait for it.
EVENTS_HORIZON = datetime.timedelta(days=184)

PERIOD_KINDS = [
    (ItemKind.NOTES, NotePage),
    (ItemKind.POINTS_DE_VUE, PointDeVuePage),
    (ItemKind.TOOLKITS, ToolkitPage),
    (ItemKind.BIBLIOGRAPHIES, ThematicBibliographyPage),
    (ItemKind.PRACTICES, PracticeSheetPage),
]


def _public(queryset: QuerySet, locale: Locale | None) -> QuerySet:
    queryset = queryset.live().public()
    return queryset.filter(locale=locale) if locale else queryset


def select(
    period_start: datetime.date,
    period_end: datetime.date,
    *,
    upcoming_from: datetime.date,
    locale: Locale | None = None,
) -> list[tuple[str, dict]]:
    """StreamField data of `newsletter.blocks.IssueContentBlock`: one group per non-empty kind."""
    groups: list[tuple[str, dict]] = []
    for kind, model in PERIOD_KINDS:
        pages = list(
            _public(model.objects.filter(date__range=(period_start, period_end)), locale).order_by(
                "date", "pk"
            )
        )
        if pages:
            groups.append(("pages", {"kind": kind.value, "title": str(kind.label), "pages": pages}))
    events = list(
        _public(
            EventPage.objects.filter(
                date__range=(upcoming_from, upcoming_from + EVENTS_HORIZON), is_cancelled=False
            ),
            locale,
        ).order_by("date", "pk")[: settings.NEWSLETTER_EVENTS_SELECTION]
    )
    if events:
        kind = ItemKind.EVENTS
        groups.append(("pages", {"kind": kind.value, "title": str(kind.label), "pages": events}))
    press = list(
        PressItem.objects.filter(date__range=(period_start, period_end)).order_by("-date", "-pk")[
            : settings.NEWSLETTER_PRESS_SELECTION
        ]
    )
    if press:
        groups.append(("press", {"title": str(ItemKind.PRESS.label), "items": press}))
    return groups
