import datetime
from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from experiences.choices import ActionField, Scale
from experiences.models import PracticeIndexPage, PracticeSheetPage, TargetGroup


class TargetGroupFactory(DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Public {n}")
    name_en = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"public-{n}")


class PracticeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticeIndexPage

    title = "Pratiques"
    slug = "pratiques"


class PracticeSheetPageFactory(wagtail_factories.PageFactory):
    """A sheet in Nantes; pass `parent=` (a PracticeIndexPage)."""

    class Meta:
        model = PracticeSheetPage

    title = factory.Sequence(lambda n: f"Pratique d'intégration {n}")
    date = datetime.date(2016, 12, 1)
    summary = "Une pratique locale à faire connaître."
    commune = "Nantes"
    insee_code = "44109"
    department = "44"
    region = "52"
    latitude = Decimal("47.218371")
    longitude = Decimal("-1.553621")
    scale = Scale.COMMUNE
    start_year = 2012
    action_field = ActionField.WELCOME
    lead_organisation = "Ville de Nantes"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)
            self.save()

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if extracted:
            self.target_groups.set(extracted)
            self.save()
