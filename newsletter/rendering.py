"""The HTML and plain text of an issue, for mail clients rather than browsers.

One 600-pixel table, inline styles only, absolute links and images from the public site
(`PUBLIC_BASE_URL`). Knows nothing of subscribers: `newsletter/compose.py` passes each copy's
own links; the admin's « E-mail » preview passes none.
"""

import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.rich_text import render as render_rich_text

from .items import Group, absolute_url

IMAGE_RENDITION = "width-600"


def link(name: str, token: str | None = None) -> str:
    return absolute_url(reverse(name, args=[token] if token else []))


def _editorial_html(editorial: str) -> str:
    """The editorial with absolute links, and the inline styles mail clients need."""
    html = str(render_rich_text(editorial))
    html = html.replace('href="/', f'href="{settings.PUBLIC_BASE_URL}/')
    html = html.replace("<p>", '<p style="margin:0 0 12px 0;">')
    return html.replace("<a ", '<a style="color:#1d4f91;" ')


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
    context = {
        "issue": issue,
        "groups": groups,
        "editorial_html": _editorial_html(issue.editorial) if issue.editorial else "",
        "image": _image(issue.image),
        "archive_url": absolute_url(issue.url or "/") if issue.live else "",
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": preferences_url,
        "site_url": settings.PUBLIC_BASE_URL + "/",
        "preview_at": preview_at,
    }
    with translation.override("fr"):
        html = render_to_string("newsletter/email/issue.html", context)
        text = render_to_string("newsletter/email/issue.txt", context)
    return html, text
