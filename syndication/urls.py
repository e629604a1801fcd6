"""Feeds under `/flux/`, calendars under `/calendrier/`, the sitemap and robots.txt at the root."""

from django.urls import path

from . import views
from .cache import cached_by_content_version
from .feeds import BibliographyAtomFeed, BibliographyFeed, ContentAtomFeed, ContentFeed

FORMATS = {"rss": (ContentFeed, BibliographyFeed), "atom": (ContentAtomFeed, BibliographyAtomFeed)}


def feed_patterns() -> list:
    patterns = []
    for fmt, (content_feed, bibliography_feed) in FORMATS.items():
        scoped = [
            ("", "all", f"feed-{fmt}"),
            ("<slug:slug>/", "kind", f"feed-kind-{fmt}"),
            ("themes/<slug:slug>/", "theme", f"feed-theme-{fmt}"),
            ("structures/<str:slug>/", "organisation", f"feed-organisation-{fmt}"),
        ]
        for prefix, url_kind, name in scoped:
            view = cached_by_content_version(content_feed.as_view(url_kind=url_kind))
            patterns.append(path(f"flux/{prefix}{fmt}/", view, name=name))
        view = cached_by_content_version(bibliography_feed.as_view())
        patterns.append(
            path(f"flux/bibliographies/<int:pk>/{fmt}/", view, name=f"feed-bibliography-{fmt}")
        )
    return patterns


urlpatterns = [
    *feed_patterns(),
    path("calendrier/agenda.ics", views.upcoming_calendar, name="calendar-upcoming"),
    path("calendrier/evenements/<int:pk>.ics", views.event_calendar, name="calendar-event"),
    path("sitemap.xml", views.sitemap_root, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap-section"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
]
