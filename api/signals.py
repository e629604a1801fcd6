"""Bump the API's content version (see `api/content_version.py`) whenever public content changes.

Connected in `ApiConfig.ready()`, so it runs in every process that can change content (admin,
management commands, imports), not only in those that serve the API. Generic on purpose: pages
of any type, every registered snippet model, documents, images and the models behind the API's
endpoints, including those other apps add later.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished
from wagtail.snippets.models import get_snippet_models

from .content_version import bump_content_version
from .registry import api_router

# Models whose rows change what the anonymous API may show, beyond pages and snippets.
ALWAYS_WATCHED = (PageViewRestriction, CollectionViewRestriction, Site, Locale)


def watched(sender) -> bool:
    if not isinstance(sender, type):
        return False
    if issubclass(sender, ALWAYS_WATCHED):
        return True
    if issubclass(sender, (get_document_model(), get_image_model())):
        return True
    if sender in get_snippet_models():
        return True
    return any(
        issubclass(sender, endpoint.model)
        for endpoint in api_router._endpoints.values()
        if endpoint.model is not None and not issubclass(endpoint.model, Page)
    )


def on_page_change(sender, **kwargs) -> None:
    bump_content_version()


def on_model_change(sender, **kwargs) -> None:
    # Any page row written (publication, a script setting `live`, a draft's bookkeeping):
    # invalidating a little too often is cheap, serving a stale page is not.
    if issubclass(sender, Page) or watched(sender):
        bump_content_version()


def on_m2m_change(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and watched(type(instance)):
        bump_content_version()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(on_page_change, dispatch_uid=f"api-version-{id(signal)}")
    post_save.connect(on_model_change, dispatch_uid="api-version-save")
    post_delete.connect(on_model_change, dispatch_uid="api-version-delete")
    m2m_changed.connect(on_m2m_change, dispatch_uid="api-version-m2m")
