"""Announced changes (`core/changes.py`) → the search records and the engine.

Handled in the writer's transaction, so that the database backends' records commit or roll
back with the change (`search/indexing.py` defers the engine when it is down):

- pages and snippets with drafts follow their publication (`publish`/`unpublish`, sent after
  their many-to-many relations are saved, unlike `post_save`);
- plain snippets follow their saves, and once more after the commit, so that themes set after
  the save are seen too;
- a bulk write (an import) announces many objects at once: the records are written in bulk
  from the objects in memory when it has them;
- a page's view restriction saved or deleted, or a page moved, re-syncs the page and everything
  below it;
- deletions remove the record.
"""

from collections.abc import Sequence

from wagtail.models import DraftStateMixin, Page, PageViewRestriction

from core.changes import Action, Change, on_change

from .indexing import delete_record, save_and_index, sync_object, sync_objects, sync_page_tree
from .registry import get_source_for_model


def on_change_in_transaction(change: Change) -> None:
    if change.raw:
        return
    if issubclass(change.model, PageViewRestriction):
        # A page restricted (or no longer): its subtree leaves (or joins) public search.
        if change.action in (Action.SAVE, Action.DELETE):
            for restriction in change.instances:
                sync_page_tree(restriction.page_id)
        return
    if change.action == Action.MOVE:
        # Moved into (or out of) a restricted section, or with a new URL.
        for page_id in change.pks:
            sync_page_tree(page_id)
        return
    source = get_source_for_model(change.model)
    if source is None:
        return
    if change.action == Action.DELETE:
        for pk in change.pks:
            delete_record(change.model, pk)
    elif change.action == Action.SAVE and issubclass(change.model, Page | DraftStateMixin):
        return  # a draft saved: what is public changes on publish / unpublish
    elif change.instance is not None:
        sync_object(change.instance)
    elif change.action == Action.PUBLISH and change.instances:
        public = set(source.get_queryset().filter(pk__in=change.pks).values_list("pk", flat=True))
        save_and_index(source, [obj for obj in change.instances if obj.pk in public])
    else:
        sync_objects(change.model, change.pks)


def on_changes_committed(changes: Sequence[Change]) -> None:
    """Plain snippets once more: their themes and structures may be set after the save."""
    by_model: dict[type, list] = {}
    for change in changes:
        if change.raw or change.action != Action.SAVE:
            continue
        if issubclass(change.model, Page | DraftStateMixin | PageViewRestriction):
            continue
        if get_source_for_model(change.model) is not None:
            by_model.setdefault(change.model, []).extend(change.pks)
    for model, pks in by_model.items():
        sync_objects(model, pks)


def register_signal_handlers() -> None:
    on_change(on_change_in_transaction)
    on_change(on_changes_committed, after_commit=True)
