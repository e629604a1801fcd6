"""Models of the newsletter, one module per concern; re-exported here."""

from .issues import NewsletterIndexPage, NewsletterIssuePage
from .sending import Delivery, IssueSending
from .subscribers import Subscriber

__all__ = ["Delivery", "IssueSending", "NewsletterIndexPage", "NewsletterIssuePage", "Subscriber"]
