"""The content types a feed can be asked for, under the French names of their URLs."""

from django.db.models import Model
from wagtail.models import Page

from bibliography.models import ThematicBibliographyPage
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


def kind_of(model: type[Model]) -> str | None:
    """The feed name of a content type, or None if it has no feed."""
    for kind, kind_model in KINDS.items():
        if kind_model is model:
            return kind
    return None
