"""The messages the newsletter sends: an issue (HTML and plain text), and the confirmations.

The HTML is built for mail clients, not browsers: one 600-pixel table, inline styles only,
absolute links and images from the public site (`PUBLIC_BASE_URL`). Each subscriber's copy
carries their own unsubscribe and preferences links, in the body and in the
`List-Unsubscribe` / `List-Unsubscribe-Post` headers (RFC 8058 one-click).
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.rich_text import render as render_rich_text

from .items import absolute_url, for_themes
from .models import NewsletterIssuePage, Subscriber
from .tokens import Purpose, make_token

IMAGE_RENDITION = "width-600"


def link(name: str, token: str | None = None) -> str:
    return absolute_url(reverse(name, args=[token] if token else []))


def _editorial_html(issue: NewsletterIssuePage) -> str:
    """The editorial with absolute links, and the inline style mail clients need on them."""
    html = str(render_rich_text(issue.editorial))
    html = html.replace('href="/', f'href="{settings.PUBLIC_BASE_URL}/')
    html = html.replace("<p>", '<p style="margin:0 0 12px 0;">')
    return html.replace("<a ", '<a style="color:#1d4f91;" ')


def _image(issue: NewsletterIssuePage) -> dict | None:
    if not issue.image:
        return None
    rendition = issue.image.get_rendition(IMAGE_RENDITION)
    return {
        "url": absolute_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": issue.image.default_alt_text,
    }


def render_issue(
    issue: NewsletterIssuePage,
    subscriber: Subscriber | None,
    *,
    preview_at: datetime.datetime | None = None,
) -> tuple[str, str]:
    """(HTML, plain text) of `subscriber`'s copy; without one, every theme (test, preview)."""
    groups = issue.groups
    if subscriber is not None:
        groups = for_themes(groups, {theme.pk for theme in subscriber.themes.all()})
    context = {
        "issue": issue,
        "groups": groups,
        "editorial_html": _editorial_html(issue) if issue.editorial else "",
        "image": _image(issue),
        "archive_url": absolute_url(issue.url or "/") if issue.live else "",
        "subscribe_url": link("newsletter:subscribe"),
        "unsubscribe_url": unsubscribe_url(subscriber),
        "preferences_url": link(
            "newsletter:preferences", make_token(subscriber, Purpose.PREFERENCES)
        )
        if subscriber
        else "",
        "site_url": settings.PUBLIC_BASE_URL + "/",
        "preview_at": preview_at,
    }
    with translation.override("fr"):
        html = render_to_string("newsletter/email/issue.html", context)
        text = render_to_string("newsletter/email/issue.txt", context)
    return html, text


def unsubscribe_url(subscriber: Subscriber | None) -> str:
    if subscriber is None:
        return link("newsletter:subscribe")
    return link("newsletter:unsubscribe", make_token(subscriber, Purpose.UNSUBSCRIBE))


def issue_message(
    issue: NewsletterIssuePage, subscriber: Subscriber | None, *, to: str | None = None
) -> EmailMultiAlternatives:
    """The issue for `subscriber`, or a test copy for `to` (subject marked « [TEST] »)."""
    html, text = render_issue(issue, subscriber)
    subject = issue.title if subscriber else f"[TEST] {issue.title}"
    headers = {"List-Id": f"<lettre.{_list_domain()}>"}
    if subscriber is not None:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url(subscriber)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[subscriber.email if subscriber else to],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def _list_domain() -> str:
    host = settings.PUBLIC_BASE_URL.split("://", 1)[-1].split("/", 1)[0]
    return host.split(":", 1)[0] or "localhost"


def confirmation_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    """« Confirmez votre inscription »: the double opt-in link, valid for a limited time."""
    context = {
        "confirm_url": link("newsletter:confirm", make_token(subscriber, Purpose.CONFIRM)),
        "hours": settings.NEWSLETTER_CONFIRM_MAX_AGE // 3600,
        "site_url": settings.PUBLIC_BASE_URL + "/",
    }
    with translation.override("fr"):
        text = render_to_string("newsletter/email/confirm.txt", context)
    return EmailMultiAlternatives(
        subject="Confirmez votre inscription à la lettre du Réseau RECI",
        body=text,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[subscriber.email],
    )


def already_subscribed_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    """To an address already subscribed: its preferences and unsubscribe links, nothing changed."""
    context = {
        "preferences_url": link(
            "newsletter:preferences", make_token(subscriber, Purpose.PREFERENCES)
        ),
        "unsubscribe_url": unsubscribe_url(subscriber),
        "site_url": settings.PUBLIC_BASE_URL + "/",
    }
    with translation.override("fr"):
        text = render_to_string("newsletter/email/already_subscribed.txt", context)
    return EmailMultiAlternatives(
        subject="Votre inscription à la lettre du Réseau RECI",
        body=text,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[subscriber.email],
    )
