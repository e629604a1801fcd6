"""The issues' feed, `/flux/lettres/rss/` and `/flux/lettres/atom/` (core/feed_kinds.py): the
issues already sent, newest first; the archive page announces it."""

from django.db.models import QuerySet

from core.feed_kinds import register_feed_kind

from .choices import SendingStatus
from .models import NewsletterIssuePage


def sent_issues(issues: QuerySet) -> QuerySet:
    """Issues whose sending is over: a published issue not sent yet is not news yet."""
    return issues.filter(sending__status=SendingStatus.SENT)


register_feed_kind("lettres", NewsletterIssuePage, restrict=sent_issues)
