"""Django's and Wagtail's signals, announced as changes (`core/changes.py`).

Whatever saves through the ORM — the admin, Wagtail's scheduled publishing, a management
command, the shell — sends these signals; the readers hear them as `Change`s. Pages are
announced on `page_published` / `page_unpublished` (Wagtail also sends `published` /
`unpublished` for them: those are left to the other models with drafts, snippets).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from .changes import Action, announce


def _page_published(sender, instance, **kwargs) -> None:
    announce(type(instance), Action.PUBLISH, instances=[instance])


def _page_unpublished(sender, instance, **kwargs) -> None:
    announce(type(instance), Action.UNPUBLISH, instances=[instance])


def _published(sender, instance, **kwargs) -> None:
    if not isinstance(instance, Page):
        announce(type(instance), Action.PUBLISH, instances=[instance])


def _unpublished(sender, instance, **kwargs) -> None:
    if not isinstance(instance, Page):
        announce(type(instance), Action.UNPUBLISH, instances=[instance])


def _page_moved(sender, instance, **kwargs) -> None:
    announce(type(instance), Action.MOVE, instances=[instance])


def _saved(sender, instance, raw=False, using=None, **kwargs) -> None:
    announce(sender, Action.SAVE, instances=[instance], raw=raw, using=using or "default")


def _deleted(sender, instance, using=None, **kwargs) -> None:
    announce(sender, Action.DELETE, instances=[instance], using=using or "default")


def _relations_changed(sender, instance, action, using=None, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        announce(type(instance), Action.SAVE, instances=[instance], using=using or "default")


def connect() -> None:
    page_published.connect(_page_published, dispatch_uid="changes-page-published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="changes-page-unpublished")
    published.connect(_published, dispatch_uid="changes-published")
    unpublished.connect(_unpublished, dispatch_uid="changes-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="changes-page-moved")
    post_save.connect(_saved, dispatch_uid="changes-saved")
    post_delete.connect(_deleted, dispatch_uid="changes-deleted")
    m2m_changed.connect(_relations_changed, dispatch_uid="changes-relations")
