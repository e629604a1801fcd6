"""Links tagged for the audience statistics: one convention for the app that tags them
(`newsletter`) and the one that counts them (`audience`), which may not import each other.

A link of an issue's e-mail to the public site carries `?mtm_campaign=lettre-12`: Matomo's
campaign parameter (other analytics tools read it too), with the issue's number. Nothing else:
no subscriber, no link position, nothing that tells one reader from another. Only values of
that shape are counted, so that nobody fills the statistics with campaigns of their own.

Tracking parameters never change what a page shows: the page cache drops them from the request
before building its key and rendering (`api/page_cache.py`), so a tagged link is served the
page kept for everyone, and the links of the page (pagination keeps the query) never carry the
tag on.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.http import QueryDict

CAMPAIGN_PARAMETER = "mtm_campaign"
NEWSLETTER_CAMPAIGN = re.compile(r"lettre-(?P<number>[1-9][0-9]{0,5})")
# Parameters that only say where a visitor came from (Matomo's and Google's campaign tags).
TRACKING_PREFIXES = ("mtm_", "utm_")


def newsletter_campaign(number: int) -> str:
    """The campaign of issue `number`: `lettre-12`."""
    return f"lettre-{number}"


def newsletter_number(campaign: str) -> int | None:
    """The issue number a campaign names, or None if it is not an issue's campaign."""
    match = NEWSLETTER_CAMPAIGN.fullmatch(campaign)
    return int(match["number"]) if match else None


def campaign_label(campaign: str) -> str:
    """« Lettre n° 12 » for `lettre-12`."""
    number = newsletter_number(campaign)
    return f"Lettre n° {number}" if number is not None else campaign


def campaign_of(query: QueryDict) -> str | None:
    """The newsletter campaign a request's query names, or None (absent or not an issue's)."""
    value = query.get(CAMPAIGN_PARAMETER, "")
    return value if newsletter_number(value) is not None else None


def is_public_site_url(url: str) -> bool:
    """Whether `url` is on the public site (`PUBLIC_BASE_URL`), not an external one."""
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return url == base or url.startswith(base + "/")


def tag_url(url: str, campaign: str) -> str:
    """`url` with the campaign parameter when it leads to the public site; others unchanged."""
    if not is_public_site_url(url):
        return url
    parts = urlsplit(url)
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if name != CAMPAIGN_PARAMETER
    ]
    query.append((CAMPAIGN_PARAMETER, campaign))
    return urlunsplit(parts._replace(path=parts.path or "/", query=urlencode(query)))


def is_tracking_parameter(name: str) -> bool:
    return name.startswith(TRACKING_PREFIXES)


def without_tracking(query_string: str) -> str:
    """The query string less its tracking parameters (the others kept as they came)."""
    if not query_string:
        return query_string
    kept = [
        part
        for part in query_string.split("&")
        if part and not is_tracking_parameter(part.split("=", 1)[0])
    ]
    return "&".join(kept)
