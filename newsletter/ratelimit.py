"""A fixed-window counter in the cache (Redis in production: shared by every worker)."""

from django.core.cache import cache


def allow(key: str, limit: int, window: int) -> bool:
    """Count one more hit on `key`; False once more than `limit` came within `window` s."""
    cache_key = f"newsletter-rate:{key}"
    if cache.add(cache_key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window)
        count = 1
    return count <= limit
