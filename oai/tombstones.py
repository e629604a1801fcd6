"""Keep the tombstones of records that left the public view (`oai.Tombstone`).

Subscribed to `core/changes.py` inside the writer's transaction, so the tombstone commits or
rolls back with the change, whatever wrote it (admin, import, command, scheduler):

- a notice unpublished or deleted, a content page unpublished, deleted, moved under a view
  restriction or put under one → tombstone (`deleted=True`, datestamp now);
- published and public again → the row stays with `deleted=False`, dating the return.

The sets a record was in are read before a deletion (`pre_delete`), while its themes and
member structures are still there.
"""

from django.db.models.signals import pre_delete
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from core.changes import Action, Change, on_change

from .models import Tombstone
from .sets import record_specs, with_ancestors
from .sources import PAGE, REFERENCE, is_content_page_model

_SPECS_ATTRIBUTE = "_oai_set_specs"


def _reference_model():
    from bibliography.models import Reference

    return Reference


def _specs(obj) -> str:
    if hasattr(obj, _SPECS_ATTRIBUTE):
        return getattr(obj, _SPECS_ATTRIBUTE)
    organisations = (
        list(obj.organisations.all())
        if hasattr(obj, "organisations")
        else [o for o in [getattr(obj, "organisation", None)] if o is not None]
    )
    return with_ancestors(record_specs(type(obj), obj.themes.all(), organisations))


def bury(kind: str, obj) -> None:
    """Mark the record deleted, unless it already is (its datestamp stays its departure)."""
    if Tombstone.objects.filter(kind=kind, object_id=obj.pk, deleted=True).exists():
        return
    Tombstone.objects.update_or_create(
        kind=kind,
        object_id=obj.pk,
        defaults={"deleted": True, "datestamp": timezone.now(), "set_specs": _specs(obj)},
    )


def revive(kind: str, pk: int) -> None:
    revive_many(kind, [pk])


def revive_many(kind: str, pks: list[int]) -> None:
    """One query however many records (an import announces thousands at once)."""
    if pks:
        Tombstone.objects.filter(kind=kind, object_id__in=pks, deleted=True).update(
            deleted=False, datestamp=timezone.now(), set_specs=""
        )


def _on_reference(change: Change) -> None:
    Reference = _reference_model()
    if change.action == Action.DELETE:
        for instance in change.instances:
            bury(REFERENCE, instance)
        return
    references = Reference.objects.filter(pk__in=change.pks).select_related("organisation")
    live = list(references.filter(live=True).values_list("pk", flat=True))
    revive_many(REFERENCE, live)
    gone = references.exclude(pk__in=live)
    if change.action != Action.UNPUBLISH:
        gone = gone.filter(first_published_at__isnull=False)
    for reference in gone.prefetch_related("themes"):
        bury(REFERENCE, reference)


def _check_page(page: Page) -> None:
    """A live content page: public → revived; under a restriction → buried."""
    if not page.live or not is_content_page_model(page.specific_class):
        return
    if page.get_view_restrictions().exists():
        bury(PAGE, page.specific)
    else:
        revive(PAGE, page.pk)


def _check_subtree(page: Page) -> None:
    for descendant in Page.objects.descendant_of(page, inclusive=True).live():
        _check_page(descendant)


def _on_page(change: Change) -> None:
    for page in change.instances:
        if not is_content_page_model(page.specific_class):
            continue
        if change.action == Action.DELETE:
            if change.model is page.specific_class:
                bury(PAGE, page)
        elif change.action == Action.UNPUBLISH:
            bury(PAGE, page.specific)
        elif change.action in (Action.PUBLISH, Action.MOVE):
            _check_subtree(page) if change.action == Action.MOVE else _check_page(page)
    if change.action == Action.MOVE:
        for page in change.instances:
            if not is_content_page_model(page.specific_class):
                _check_subtree(page)


def _on_restriction(change: Change) -> None:
    for restriction in change.instances:
        page = Page.objects.filter(pk=restriction.page_id).first()
        if page is not None:
            _check_subtree(page)


def on_change_in_transaction(change: Change) -> None:
    if change.raw:
        return
    model = change.model
    if issubclass(model, _reference_model()):
        _on_reference(change)
    elif issubclass(model, Page) and change.action != Action.SAVE:
        _on_page(change)
    elif issubclass(model, PageViewRestriction):
        _on_restriction(change)


def remember_sets(sender, instance, **kwargs) -> None:
    """Before a deletion: the sets the record was in (its relations go first)."""
    if isinstance(instance, _reference_model()) or (
        isinstance(instance, Page)
        and sender is instance.specific_class
        and is_content_page_model(sender)
    ):
        setattr(instance, _SPECS_ATTRIBUTE, _specs(instance))


def connect() -> None:
    on_change(on_change_in_transaction)
    pre_delete.connect(remember_sets, dispatch_uid="oai-remember-sets")
