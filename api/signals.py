"""Bump the API's content version (`api/content_version.py`) whenever public content changes.

Subscribed to the announcements of `core/changes.py`, which every write path goes through (the
admin, management commands, scheduled publishing, imports), in every process, not only in those
that serve the API. Generic on purpose: pages of any type, every registered snippet model,
documents, images and the models behind the API's endpoints, including those other apps add
later.

Each relevant change gives this process a new version at once (the request that made it, and
the next one, see it); the transaction's changes together give one new shared version once it
commits, which the other processes read within `CONTENT_VERSION_CHECK_INTERVAL`.
"""

from collections.abc import Sequence

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction, Site
from wagtail.snippets.models import get_snippet_models

from core.changes import Change, on_change

from .content_version import bump_local_version, bump_shared_version
from .registry import api_router

# Models whose rows change what the anonymous API may show, beyond pages and snippets.
ALWAYS_WATCHED = (PageViewRestriction, CollectionViewRestriction, Site, Locale)


def watched(model) -> bool:
    """Whether rows of `model` change what the API or the public pages show. Any page row
    written counts (a publication, a script setting `live`, a draft's bookkeeping):
    invalidating a little too often is cheap, serving a stale page is not."""
    if not isinstance(model, type):
        return False
    if issubclass(model, (Page, *ALWAYS_WATCHED, get_document_model(), get_image_model())):
        return True
    if model in get_snippet_models():
        return True
    return any(
        issubclass(model, endpoint.model)
        for endpoint in api_router._endpoints.values()
        if endpoint.model is not None and not issubclass(endpoint.model, Page)
    )


def on_change_in_transaction(change: Change) -> None:
    if watched(change.model):
        bump_local_version()


def on_changes_committed(changes: Sequence[Change]) -> None:
    if any(watched(change.model) for change in changes):
        bump_shared_version()


def connect() -> None:
    on_change(on_change_in_transaction)
    on_change(on_changes_committed, after_commit=True)
