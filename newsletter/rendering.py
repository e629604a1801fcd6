"""The HTML and plain text of an issue, for mail clients rather than browsers.

One 600-pixel table, inline styles only, absolute links and images from the public site
(`PUBLIC_BASE_URL`). Knows nothing of subscribers: `newsletter/compose.py` passes each copy's
own links; the admin's « E-mail » preview passes none.

Links to the public site carry the issue's campaign (`?mtm_campaign=lettre-12`,
`core/campaigns.py`), which the audience statistics count as visits from the issue; links to
other sites (the press watch, an editorial's sources) and the subscriber's own links
(unsubscribe, preferences) are left as they are.
"""

import dataclasses
import datetime
import re
from html import escape, unescape

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.campaigns import newsletter_campaign, tag_url
from core.rich_text import render as render_rich_text

from .items import Group, absolute_url

IMAGE_RENDITION = "width-600"
HREF = re.compile(r'href="([^"]*)"')


def link(name: str, token: str | None = None) -> str:
    return absolute_url(reverse(name, args=[token] if token else []))


def _editorial_html(editorial: str, campaign: str) -> str:
    """The editorial with absolute, tagged links, and the inline styles mail clients need."""
    text = str(render_rich_text(editorial))
    text = text.replace('href="/', f'href="{settings.PUBLIC_BASE_URL}/')
    text = HREF.sub(lambda match: f'href="{escape(tag_url(unescape(match[1]), campaign))}"', text)
    text = text.replace("<p>", '<p style="margin:0 0 12px 0;">')
    return text.replace("<a ", '<a style="color:#1d4f91;" ')


def _tagged(groups: list[Group], campaign: str) -> list[Group]:
    return [
        dataclasses.replace(
            group,
            items=tuple(
                dataclasses.replace(item, url=tag_url(item.url, campaign)) for item in group.items
            ),
        )
        for group in groups
    ]


def _image(image) -> dict | None:
    if not image:
        return None
    rendition = image.get_rendition(IMAGE_RENDITION)
    return {
        "url": absolute_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


def render(
    issue,
    groups: list[Group],
    *,
    unsubscribe_url: str,
    preferences_url: str = "",
    preview_at: datetime.datetime | None = None,
) -> tuple[str, str]:
    """(HTML, plain text) of `issue` showing `groups`, with the copy's own links."""
    campaign = newsletter_campaign(issue.number)
    context = {
        "issue": issue,
        "groups": _tagged(groups, campaign),
        "editorial_html": _editorial_html(issue.editorial, campaign) if issue.editorial else "",
        "image": _image(issue.image),
        "archive_url": tag_url(absolute_url(issue.url or "/"), campaign) if issue.live else "",
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": preferences_url,
        "site_url": tag_url(settings.PUBLIC_BASE_URL + "/", campaign),
        "preview_at": preview_at,
    }
    with translation.override("fr"):
        html = render_to_string("newsletter/email/issue.html", context)
        text = render_to_string("newsletter/email/issue.txt", context)
    return html, text
