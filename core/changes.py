"""One place every write announces what it changed; the readers subscribe here.

Every way content changes goes through `announce()`: the admin and anything else that saves
through the ORM (translated from Django's and Wagtail's signals in `core/change_signals.py`),
and the writers that send no signal (bulk inserts of an import, `QuerySet.update()`), which call
it themselves. The readers of the content subscribe with `on_change()` and never listen to the
signals directly, so that a new write path reaches them all by announcing once:

- `api` bumps the content version that keys the API and page caches;
- `search` keeps the search records and the engine in step;
- `webhooks` queues the deliveries (an outbox written in the same transaction).

Two phases. Handlers subscribed with `after_commit=False` get each change as it is announced,
inside the writer's transaction, so that what they write (search records, webhook rows) commits
or rolls back with the change. Handlers with `after_commit=True` get the list of every change of
the transaction once, after it commits (at once outside a transaction): one content-version bump
per transaction, however many objects it wrote. If a savepoint inside the transaction rolls
back, changes announced within it may still be passed after the commit: those handlers must read
the current state rather than trust the change (they do: a version bump, a re-sync).
"""

import enum
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Model

logger = logging.getLogger(__name__)


class Action(enum.StrEnum):
    SAVE = "save"  # a row written (a draft, a snippet, a relation): maybe public, maybe not
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    DELETE = "delete"
    MOVE = "move"  # a page moved: its subtree has new URLs, maybe a new restriction


@dataclass(frozen=True)
class Batch:
    """A bulk write's identity (an import): receivers may report it as one event."""

    id: int
    label: str


@dataclass(frozen=True)
class Change:
    """Objects of one model changed in the same way.

    `instances` are the objects in memory when the writer has them (a signal, an import's
    freshly written notices), with their related objects set; otherwise only `pks`."""

    model: type[Model]
    action: Action
    pks: tuple = ()
    instances: tuple = ()
    batch: Batch | None = None
    raw: bool = False  # a fixture being loaded (`loaddata`)
    details: dict = field(default_factory=dict, compare=False)

    @property
    def instance(self) -> Model | None:
        return self.instances[0] if len(self.instances) == 1 else None


Handler = Callable[[Change], None]
CommitHandler = Callable[[Sequence[Change]], None]

_handlers: list[Handler] = []
_commit_handlers: list[CommitHandler] = []


def on_change(handler: Callable, *, after_commit: bool = False) -> Callable:
    """Subscribe `handler`: called with each `Change` in the writer's transaction, or with
    the transaction's list of changes once it commits (`after_commit=True`). Idempotent."""
    handlers = _commit_handlers if after_commit else _handlers
    if handler not in handlers:
        handlers.append(handler)
    return handler


def announce(
    model: type[Model],
    action: Action,
    *,
    pks: Iterable = (),
    instances: Iterable[Model] = (),
    batch: Batch | None = None,
    raw: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    **details,
) -> Change:
    """Tell every reader that these objects changed. Call it inside the writing transaction."""
    instances = tuple(instances)
    pks = tuple(pks) or tuple(obj.pk for obj in instances)
    change = Change(model, Action(action), pks, instances, batch, raw, details)
    for handler in list(_handlers):
        handler(change)
    _queue_for_commit(change, using)
    return change


class _TransactionChanges:
    """The changes of one transaction, passed to the after-commit handlers when it commits.

    Registered once per transaction with `transaction.on_commit`; later announcements in the
    same transaction find it in the connection's list of commit callbacks and join it."""

    def __init__(self, change: Change) -> None:
        self.changes = [change]

    def __call__(self) -> None:
        dispatch_committed(self.changes)


def _queue_for_commit(change: Change, using: str) -> None:
    if not _commit_handlers:
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        dispatch_committed([change])  # autocommit: the write is committed already
        return
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _TransactionChanges):
            callback.changes.append(change)
            return
    transaction.on_commit(_TransactionChanges(change), using=using)


def dispatch_committed(changes: Sequence[Change]) -> None:
    """Run the after-commit handlers; one failing does not keep the others from running (the
    change is committed: a reader left behind catches up at the next change or repair)."""
    for handler in list(_commit_handlers):
        try:
            handler(changes)
        except Exception:
            logger.exception("A reader of committed changes failed: %r", handler)
