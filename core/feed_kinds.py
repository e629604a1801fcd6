"""Content types that apps beside `syndication/` add to its feeds; it may not import them.

`syndication/kinds.py` names the sections' types itself. An app of its own layer (the
newsletter) declares its type in an `<app>/feed_kinds.py` module, imported at start-up by
`SyndicationConfig.ready()`, as `api_endpoints.py` and `search_sources.py` are:

    from core.feed_kinds import register_feed_kind

    register_feed_kind("lettres", NewsletterIssuePage, restrict=sent_issues)

The type then has its own feeds, `/flux/<slug>/rss/` and `/flux/<slug>/atom/`, announced by its
section's pages (`<link rel="alternate">`), with the conventions of every feed: live, public
pages of the default language, newest `date` first, `summary`, themes as categories. It stays
out of the general, theme and member-structure feeds, which list what the network publishes.
The model fulfils `core.pages.ContentPageMixin`; `restrict` narrows its pages further.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from .pages import ContentPageMixin


@dataclass(frozen=True)
class FeedKind:
    slug: str
    model: type[ContentPageMixin]
    restrict: Callable[[QuerySet], QuerySet] | None = None

    def pages(self, queryset: QuerySet) -> QuerySet:
        return self.restrict(queryset) if self.restrict else queryset


_kinds: dict[str, FeedKind] = {}


def register_feed_kind(
    slug: str,
    model: type[ContentPageMixin],
    *,
    restrict: Callable[[QuerySet], QuerySet] | None = None,
) -> None:
    """Give `model` the feeds `/flux/<slug>/rss/` and `/flux/<slug>/atom/`."""
    if not issubclass(model, ContentPageMixin):
        raise TypeError(f"{model.__name__} is not a content page type (ContentPageMixin)")
    _kinds[slug] = FeedKind(slug, model, restrict)


def registered_feed_kinds() -> dict[str, FeedKind]:
    """The declared types by URL slug, in the order they were declared."""
    return dict(_kinds)
