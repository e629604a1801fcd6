"""The content types a feed can be asked for, under the French names of their URLs.

The sections' types are named here; apps beside this one (the newsletter's issues) declare
theirs in `core/feed_kinds.py`, and get a feed of their own only (`all_kinds()`).
"""

from django.db.models import Model, QuerySet
from wagtail.models import Page

from bibliography.models import ThematicBibliographyPage
from core.feed_kinds import registered_feed_kinds
from experiences.models import PracticeSheetPage
from publications.models import (
    EventPage,
    NewsPage,
    NotePage,
    PointDeVuePage,
    PressItem,
    ToolkitPage,
)

KINDS: dict[str, type[Model]] = {
    "notes": NotePage,
    "points-de-vue": PointDeVuePage,
    "recueils": ToolkitPage,
    "actualites": NewsPage,
    "veille": PressItem,
    "evenements": EventPage,
    "pratiques": PracticeSheetPage,
    "bibliographies": ThematicBibliographyPage,
}

# What the general, theme and member-structure feeds hold: the pages of the network. The
# press watch (many external articles a week) would drown them; it has its own feed.
PAGE_KINDS = [kind for kind, model in KINDS.items() if issubclass(model, Page)]


def all_kinds() -> dict[str, type[Model]]:
    """Every type with a feed: the sections' ones, then those other apps declared."""
    return KINDS | {slug: kind.model for slug, kind in registered_feed_kinds().items()}


def restricted(kind: str, queryset: QuerySet) -> QuerySet:
    """`queryset` of the type `kind` narrowed as its app asked (the issues already sent)."""
    declared = registered_feed_kinds().get(kind)
    return declared.pages(queryset) if declared else queryset


def kind_of(model: type[Model]) -> str | None:
    """The feed name of a content type, or None if it has no feed."""
    for kind, kind_model in all_kinds().items():
        if kind_model is model:
            return kind
    return None
