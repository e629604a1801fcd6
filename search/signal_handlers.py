"""Publishing signals → `search.indexing.sync_object`.

Pages and snippets with drafts are synced on `published`/`unpublished` (sent after their
many-to-many relations are saved, unlike `post_save`); plain snippets on `post_save`, then once
more when the transaction commits, so that themes set after the save are seen too.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import DraftStateMixin, Page
from wagtail.signals import page_published, page_unpublished, published, unpublished

from .indexing import delete_record, sync_object
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


def register_signal_handlers() -> None:
    page_published.connect(_on_publish_change, dispatch_uid="sitesearch_page_published")
    page_unpublished.connect(_on_publish_change, dispatch_uid="sitesearch_page_unpublished")
    published.connect(_on_publish_change, dispatch_uid="sitesearch_published")
    unpublished.connect(_on_publish_change, dispatch_uid="sitesearch_unpublished")
    post_save.connect(_on_plain_save, dispatch_uid="sitesearch_post_save")
    post_delete.connect(_on_delete, dispatch_uid="sitesearch_post_delete")
