"""The messages the newsletter sends: an issue (HTML and plain text), and the confirmations.

The issue is rendered by `newsletter/rendering.py`; each subscriber's copy carries their own
unsubscribe and preferences links, in the body and in the `List-Unsubscribe` /
`List-Unsubscribe-Post` headers (RFC 8058 one-click), and only the items of their themes.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .bounces import TOKEN_HEADER, delivery_token, envelope_sender
from .items import for_themes
from .models import NewsletterIssuePage, Subscriber
from .rendering import link, render
from .tokens import Purpose, make_token


def render_issue(
    issue: NewsletterIssuePage, subscriber: Subscriber | None, *, unsubscribe: str = ""
) -> tuple[str, str]:
    """(HTML, plain text) of `subscriber`'s copy; without one, every theme (test, preview)."""
    groups = issue.groups
    if subscriber is None:
        return render(issue, groups, unsubscribe_url=link("newsletter:subscribe"))
    groups = for_themes(groups, {theme.pk for theme in subscriber.themes.all()})
    return render(
        issue,
        groups,
        unsubscribe_url=unsubscribe or unsubscribe_url(subscriber),
        preferences_url=link("newsletter:preferences", make_token(subscriber, Purpose.PREFERENCES)),
    )


def unsubscribe_url(subscriber: Subscriber | None) -> str:
    if subscriber is None:
        return link("newsletter:subscribe")
    return link("newsletter:unsubscribe", make_token(subscriber, Purpose.UNSUBSCRIBE))


def issue_message(
    issue: NewsletterIssuePage,
    subscriber: Subscriber | None,
    *,
    to: str | None = None,
    delivery_id: int | None = None,
) -> EmailMultiAlternatives:
    """The issue for `subscriber`, or a test copy for `to` (subject marked « [TEST] »).

    The unsubscribe link is signed once, so the headers and the body carry the same one
    (a signature holds the time it was made). A copy of a sending (`delivery_id`) names its
    delivery for the bounces that come back later by mail (`newsletter/bounces.py`): in its
    envelope sender (VERP, with `NEWSLETTER_BOUNCE_ADDRESS`) and in a header; the `From` the
    reader sees stays `NEWSLETTER_FROM_EMAIL`."""
    unsubscribe = unsubscribe_url(subscriber)
    html, text = render_issue(issue, subscriber, unsubscribe=unsubscribe)
    subject = issue.title if subscriber else f"[TEST] {issue.title}"
    headers = {"List-Id": f"<lettre.{_list_domain()}>"}
    if subscriber is not None:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    envelope = envelope_sender(delivery_id)
    if delivery_id is not None:
        headers[TOKEN_HEADER] = delivery_token(delivery_id)
    if envelope:
        headers["From"] = settings.NEWSLETTER_FROM_EMAIL  # the envelope sender differs
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=envelope or settings.NEWSLETTER_FROM_EMAIL,
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
