import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from bibliography.choices import ReferenceType
from bibliography.models import (
    BibliographyIndexPage,
    Reference,
    ReferenceContributor,
    ThematicBibliographyPage,
)


class ReferenceFactory(DjangoModelFactory):
    class Meta:
        model = Reference

    reference_type = ReferenceType.BOOK
    title = factory.Sequence(lambda n: f"Les politiques d'intégration, volume {n}")
    publisher = "La Découverte"
    publisher_place = "Paris"
    year = 2016
    created_at = factory.LazyFunction(timezone.now)
    live = True


class ContributorFactory(DjangoModelFactory):
    class Meta:
        model = ReferenceContributor

    reference = factory.SubFactory(ReferenceFactory)
    family = "Noiriel"
    given = "Gérard"


class BibliographyIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BibliographyIndexPage

    title = "Bibliographies"
    slug = "bibliographies"


class ThematicBibliographyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ThematicBibliographyPage

    title = "Laïcité"
    slug = "laicite"
    date = factory.LazyFunction(timezone.localdate)
