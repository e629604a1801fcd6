"""What a subscription request, a confirmation and an unsubscription do, apart from HTTP."""

import hashlib
import logging
import smtplib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import ratelimit
from .choices import SubscriberStatus
from .compose import already_subscribed_message, confirmation_message
from .models import Subscriber

logger = logging.getLogger(__name__)
DAY = 24 * 3600


class MessageNotSent(Exception):
    """The mail server refused or could not be reached: the visitor is told to retry."""


def _address_key(email: str) -> str:
    return "address:" + hashlib.sha256(email.encode()).hexdigest()


def request_subscription(email: str, themes) -> None:
    """Record the request and send the confirmation link (or, to a subscribed address, its
    preferences and unsubscribe links; its themes are not changed by someone who only knows
    the address). Whether the address was known is never told to the visitor.

    At most `NEWSLETTER_MESSAGES_PER_ADDRESS` messages a day go to one address, however often
    it is typed in: the form cannot be used to flood someone's mailbox.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                subscriber, _created = Subscriber.objects.get_or_create(email=email)
        except IntegrityError:  # the same address submitted twice at once
            subscriber = Subscriber.objects.get(email=email)
        if subscriber.status == SubscriberStatus.ACTIVE:
            message = already_subscribed_message(subscriber)
        else:
            subscriber.themes.set(themes)
            message = confirmation_message(subscriber)
    if not ratelimit.allow(_address_key(email), settings.NEWSLETTER_MESSAGES_PER_ADDRESS, DAY):
        logger.info("Newsletter: message to a subscriber's address held back (rate limit)")
        return
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Newsletter: confirmation message not sent: %s", error)
        raise MessageNotSent from error


def confirm(subscriber: Subscriber) -> None:
    Subscriber.objects.filter(pk=subscriber.pk).update(
        status=SubscriberStatus.ACTIVE, confirmed_at=timezone.now()
    )


def unsubscribe(subscriber: Subscriber) -> None:
    """Forget the address and its choices (`Subscriber.delete` clears the deliveries' traces)."""
    subscriber.delete()


def purge_expired_requests() -> int:
    """Delete the unconfirmed requests whose confirmation link has expired."""
    limit = timezone.now() - timezone.timedelta(seconds=settings.NEWSLETTER_CONFIRM_MAX_AGE)
    deleted, _by_model = Subscriber.objects.filter(
        status=SubscriberStatus.PENDING, created_at__lt=limit
    ).delete()
    return deleted
