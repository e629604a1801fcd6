"""Distinct visitors per day, and bots by behaviour, without storing anything about anyone.

A visitor is a hash of the address and user agent with a salt derived from SECRET_KEY and the
day: it changes every day, cannot be linked across days, and lives only in the cache (keys that
expire with the day), never in the database. Across several application servers the cache must
be shared (Redis) for exact counts; with a local-memory cache each worker counts its own
visitors (an overestimate). A « visitor » asking more than `AUDIENCE_BOT_RATE` pages a minute is
a crawler: its hits stop counting for the day.
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from core.security import client_ip

PREFIX = "audience"


def _salt(day: datetime.date) -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"audience:{day.isoformat()}".encode(), hashlib.sha256
    ).digest()


def visitor_hash(request: HttpRequest, day: datetime.date) -> str:
    address = client_ip(request)  # behind the proxies of TRUSTED_PROXIES, the real client
    agent = request.META.get("HTTP_USER_AGENT", "")
    return hmac.new(_salt(day), f"{address}|{agent}".encode(), hashlib.sha256).hexdigest()[:24]


def seconds_left(now: datetime.datetime) -> int:
    tomorrow = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time())
    return max(60, int((tomorrow - now.replace(tzinfo=None)).total_seconds()) + 60)


def observe(request: HttpRequest, now: datetime.datetime) -> tuple[bool, bool]:
    """(is this visitor new today, does it behave as a bot)."""
    day = now.date()
    visitor = visitor_hash(request, day)
    ttl = seconds_left(now)
    if cache.get(f"{PREFIX}:bot:{day}:{visitor}"):
        return False, True
    minute_key = f"{PREFIX}:rate:{visitor}:{now:%H%M}"
    if cache.add(minute_key, 1, 120):
        rate = 1
    else:
        try:
            rate = cache.incr(minute_key)
        except ValueError:  # expired in between
            rate = 1
    if rate > settings.AUDIENCE_BOT_RATE:
        cache.set(f"{PREFIX}:bot:{day}:{visitor}", 1, ttl)
        return False, True
    return cache.add(f"{PREFIX}:seen:{day}:{visitor}", 1, ttl), False


def first_of_the_day(request: HttpRequest, now: datetime.datetime, scope: str) -> bool:
    """Whether this visitor is seen for the first time today in `scope` (a newsletter's
    campaign): the same daily hash, kept in the cache only, until the day ends."""
    day = now.date()
    visitor = visitor_hash(request, day)
    return cache.add(f"{PREFIX}:seen:{day}:{scope}:{visitor}", 1, seconds_left(now))
