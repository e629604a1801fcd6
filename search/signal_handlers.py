"""Publishing signals → `search.indexing.sync_object`.

Pages and snippets with drafts are synced on `published`/`unpublished` (sent after their
many-to-many relations are saved, unlike `post_save`); plain snippets on `post_save`, then once
more when the transaction commits, so that themes set after the save are seen too. A page's
view restriction saved or deleted, or a page moved, re-syncs the page and everything below it.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import DraftStateMixin, Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from .indexing import delete_record, sync_object, sync_page_tree
from .registry import get_source_for_model


def _on_publish_change(sender, instance, **kwargs) -> None:
    if get_source_for_model(type(instance)) is not None:
        sync_object(instance)


def _on_plain_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or isinstance(instance, Page | DraftStateMixin):
        return
    if get_source_for_model(type(instance)) is None:
        return
    sync_object(instance)
    transaction.on_commit(lambda: sync_object(instance))


def _on_delete(sender, instance, **kwargs) -> None:
    if get_source_for_model(type(instance)) is not None:
        delete_record(type(instance), instance.pk)


def _on_view_restriction_change(sender, instance, raw=False, **kwargs) -> None:
    """A page restricted (or no longer): its subtree leaves (or joins) public search."""
    if not raw:
        sync_page_tree(instance.page_id)


def _on_page_move(sender, instance, **kwargs) -> None:
    """Moved into (or out of) a restricted section, or with a new URL: re-sync the subtree."""
    sync_page_tree(instance.pk)


def register_signal_handlers() -> None:
    page_published.connect(_on_publish_change, dispatch_uid="sitesearch_page_published")
    page_unpublished.connect(_on_publish_change, dispatch_uid="sitesearch_page_unpublished")
    published.connect(_on_publish_change, dispatch_uid="sitesearch_published")
    unpublished.connect(_on_publish_change, dispatch_uid="sitesearch_unpublished")
    post_save.connect(_on_plain_save, dispatch_uid="sitesearch_post_save")
    post_delete.connect(_on_delete, dispatch_uid="sitesearch_post_delete")
    post_page_move.connect(_on_page_move, dispatch_uid="sitesearch_page_moved")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_view_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"sitesearch_view_restriction_{signal is post_save}",
        )
