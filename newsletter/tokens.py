"""Signed links for subscribers: nothing is stored, everything is checked.

Each token carries the subscriber's id and address, signed with `SECRET_KEY` and a salt per
use: a confirmation link cannot unsubscribe, an unsubscribe link cannot confirm, and a link
stops working once its address is deleted (an id given again to someone else is not enough).
Confirmation links expire after `NEWSLETTER_CONFIRM_MAX_AGE` seconds.
"""

from enum import StrEnum

from django.conf import settings
from django.core import signing

from .models import Subscriber


class Purpose(StrEnum):
    CONFIRM = "newsletter.confirm"
    UNSUBSCRIBE = "newsletter.unsubscribe"
    PREFERENCES = "newsletter.preferences"


class ExpiredToken(Exception):
    pass


class InvalidToken(Exception):
    pass


def make_token(subscriber: Subscriber, purpose: Purpose) -> str:
    return signing.dumps([subscriber.pk, subscriber.email], salt=purpose.value, compress=True)


def read_token(token: str, purpose: Purpose) -> Subscriber:
    """The subscriber a token names; `ExpiredToken` or `InvalidToken` otherwise."""
    max_age = settings.NEWSLETTER_CONFIRM_MAX_AGE if purpose == Purpose.CONFIRM else None
    try:
        pk, email = signing.loads(token, salt=purpose.value, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidToken from error
    subscriber = (
        Subscriber.objects.filter(pk=pk, email=email).first() if isinstance(pk, int) else None
    )
    if subscriber is None:
        raise InvalidToken
    return subscriber
