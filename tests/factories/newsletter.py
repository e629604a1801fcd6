import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from newsletter.choices import SubscriberStatus
from newsletter.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber


class NewsletterIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsletterIndexPage

    title = "Lettres d'information"
    slug = "lettres"


class NewsletterIssuePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsletterIssuePage

    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Lettre n° {o.number} – décembre 2016")
    date = datetime.date(2016, 12, 15)
    period_start = datetime.date(2016, 7, 1)
    period_end = datetime.date(2016, 12, 15)
    summary = "Les productions du réseau au second semestre."
    editorial = "<p>Le réseau a publié ce semestre deux notes et un recueil.</p>"


class SubscriberFactory(DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"abonne{n}@exemple.fr")
    status = SubscriberStatus.ACTIVE

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)
