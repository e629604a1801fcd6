import datetime

import factory
import wagtail_factories

from tests.testapp.models import ArticlePage, DispatchPage


def set_m2m(name):
    """A post-generation hook that sets a parental many-to-many (or tags) and saves."""

    def hook(page, create, extracted, **kwargs):
        if create and extracted:
            getattr(page, name).set(extracted)
            page.save()

    return hook


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Note {n}")
    date = datetime.date(2016, 11, 1)
    summary = "Une note du réseau."
    body = "<p>Analyse.</p>"

    themes = factory.PostGeneration(set_m2m("themes"))
    organisations = factory.PostGeneration(set_m2m("organisations"))
    tags = factory.PostGeneration(set_m2m("tags"))


class DispatchPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DispatchPage

    title = factory.Sequence(lambda n: f"Actualité {n}")
    date = datetime.date(2016, 6, 1)
    summary = "Une actualité du réseau."
    source_url = "https://www.reseau-reci.org/"
    themes = factory.PostGeneration(set_m2m("themes"))
    organisations = factory.PostGeneration(set_m2m("organisations"))
