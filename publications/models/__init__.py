"""Models of the network's own productions, one module per kind; re-exported here."""

from .events import EventPage, EventPageTag
from .news import NewsPage, NewsPageTag, PressItem
from .papers import (
    NoteAuthor,
    NotePage,
    NotePageTag,
    NoteRelatedPage,
    PointDeVueAuthor,
    PointDeVuePage,
    PointDeVuePageTag,
    PointDeVueRelatedPage,
)
from .sections import EventIndexPage, NewsIndexPage, PublicationIndexPage
from .toolkits import ToolkitPage, ToolkitPageTag, ToolkitTool

__all__ = [
    "EventIndexPage",
    "EventPage",
    "EventPageTag",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "NoteAuthor",
    "NotePage",
    "NotePageTag",
    "NoteRelatedPage",
    "PointDeVueAuthor",
    "PointDeVuePage",
    "PointDeVuePageTag",
    "PointDeVueRelatedPage",
    "PressItem",
    "PublicationIndexPage",
    "ToolkitPage",
    "ToolkitPageTag",
    "ToolkitTool",
]
