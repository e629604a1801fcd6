import factory
from factory.django import DjangoModelFactory

from core.choices import Region
from core.models import Organisation, Person, Theme


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    description = "Un thème du réseau."


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("acronym",)

    acronym = factory.Sequence(lambda n: f"ORG{n}")
    name = factory.LazyAttribute(lambda o: f"Structure {o.acronym}")
    city = "Strasbourg"
    region = Region.GRAND_EST


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Chargée de mission"
