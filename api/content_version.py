"""The version of the public content: one value that changes whenever public content does.

Every publish, unpublish, move or deletion of a page and every save or deletion of a snippet,
document or image, announced through `core/changes.py`, gives the content a new version
(`api/signals.py`): once per transaction for the other processes. What is built from the
content is kept under the version it was built from: the API's responses (`api/cache.py`), the
public HTML pages (`api/page_cache.py`), per-process memos (`VersionedMemo`). After a change
nothing asks for the old entries again, so nothing stale is served.

The version lives in the Django cache (Redis in production) and, once a change commits, in
the database (`core.models.ContentVersion`), where every process reads it at most every
`CONTENT_VERSION_CHECK_INTERVAL` seconds: a per-process (local memory) cache learns of changes
made by another process too.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

logger = logging.getLogger(__name__)

CONTENT_VERSION_KEY = "api:content-version"


def bump_local_version() -> str:
    """Give the content a new version in the Django cache (this process, or every process
    sharing the cache), at once: called for each change, inside the writing transaction."""
    version = str(time.time_ns())
    cache.set(CONTENT_VERSION_KEY, version, None)
    return version


def bump_shared_version() -> str:
    """Once the transaction that changed the content commits: a new version again, written to
    the database too, where the other processes find it.

    Bumping again closes a race: a request served between the change and the commit would
    otherwise have cached the old content under the version of the change. Only this one is
    shared: the other processes must not see a version whose content is not committed yet.
    """
    version = bump_local_version()
    if settings.CONTENT_VERSION_CHECK_INTERVAL:
        share_version(version)
    return version


def share_version(version: str) -> None:
    from core.models import ContentVersion

    try:
        if not ContentVersion.objects.filter(pk=1).update(version=version):
            ContentVersion.objects.create(pk=1, version=version)
    except DatabaseError:
        # The change itself is committed; the other processes see it at the next change.
        logger.warning("Could not share the content version", exc_info=True)
    _shared.version = version


class _SharedVersion:
    """What this process last read from the database, and when."""

    version: str | None = None
    checked_at: float = float("-inf")


_shared = _SharedVersion()


def content_version() -> str:
    """The current content version: a nanosecond timestamp of the last change seen.

    Kept in the Django cache. A local-memory cache is one per process, so the version is also
    read from the database at most every `CONTENT_VERSION_CHECK_INTERVAL` seconds: a change
    made by another process (another gunicorn worker, the scheduler, an import) is seen within
    that delay. Any new value there is taken, whatever its order, since clocks may differ
    between servers.
    """
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        # Empty (or flushed) cache: start a version now; nothing older can be served.
        version = str(time.time_ns())
        cache.add(CONTENT_VERSION_KEY, version, None)
        version = cache.get(CONTENT_VERSION_KEY, version)
    interval = settings.CONTENT_VERSION_CHECK_INTERVAL
    if interval and time.monotonic() - _shared.checked_at >= interval:
        shared = read_shared_version()
        _shared.checked_at = time.monotonic()
        if shared is not None and shared != _shared.version:
            if _shared.version is not None:
                # Changed elsewhere since we last looked: everything kept here may be stale.
                version = shared
                cache.set(CONTENT_VERSION_KEY, version, None)
            _shared.version = shared
    return version


def read_shared_version() -> str | None:
    """The version in the database ("" before the first change), None when unreachable."""
    from core.models import ContentVersion

    try:
        return ContentVersion.objects.values_list("version", flat=True).filter(pk=1).first() or ""
    except DatabaseError:
        # Database down: keep serving what is cached (see core/resilience.py).
        return None


class VersionedMemo:
    """Values computed from the content, kept in this process until the content version changes.

    The version changes with every page, view restriction, site or locale change, so a value
    computed from those under one version stays true while it is current. Bounded: the keys
    may come from the request.
    """

    def __init__(self, max_entries: int = 64):
        self.max_entries = max_entries
        self._state: tuple[str | None, dict] = (None, {})

    def get(self, version: str, key, compute):
        current, values = self._state
        if current != version:
            values = {}
            self._state = (version, values)  # one assignment: threads see old or new state
        try:
            return values[key]
        except KeyError:
            pass
        value = compute()
        if len(values) >= self.max_entries:
            values.clear()
        values[key] = value
        return value


def version_time(version: str) -> float:
    return int(version) / 1e9
