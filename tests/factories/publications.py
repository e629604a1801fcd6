import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from core.documents import check_document_file
from core.models import SiteDocument
from publications.choices import ToolAudience, ToolKind
from publications.models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    NotePage,
    PointDeVuePage,
    PressItem,
    PublicationIndexPage,
    ToolkitPage,
    ToolkitTool,
)
from publications.pdfs import build_pdf


class PdfDocumentFactory(DjangoModelFactory):
    """A real PDF, read as the admin's upload form reads it (text and page count)."""

    class Meta:
        model = SiteDocument

    class Params:
        text = "Analyse des contrats de ville."
        pages = 1

    title = factory.Sequence(lambda n: f"Note {n}")

    @factory.lazy_attribute
    def file(self):
        return ContentFile(build_pdf(self.title, [self.text], self.pages), name="note.pdf")

    @factory.post_generation
    def read_content(obj, create, extracted, **kwargs):
        content = check_document_file(obj.file.open("rb"), obj.file.name)
        obj.extracted_text, obj.page_count = content.text, content.page_count
        if create:
            obj.save()


class PublicationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PublicationIndexPage

    title = "Publications"
    slug = "publications"


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Actualités"
    slug = "actualites"


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Agenda"
    slug = "agenda"


class NotePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NotePage

    title = factory.Sequence(lambda n: f"Note d'analyse {n}")
    date = datetime.date(2016, 11, 15)
    summary = "Une note du réseau."


class PointDeVuePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PointDeVuePage

    title = factory.Sequence(lambda n: f"Point de vue sur… sujet {n}")
    date = datetime.date(2016, 12, 9)
    question = "Que peut la laïcité pour le lien social ?"


class ToolkitPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ToolkitPage

    title = factory.Sequence(lambda n: f"Recueil d'outils {n}")
    date = datetime.date(2016, 12, 9)


class ToolkitToolFactory(DjangoModelFactory):
    class Meta:
        model = ToolkitTool

    page = factory.SubFactory(ToolkitPageFactory)
    title = factory.Sequence(lambda n: f"Outil {n}")
    kind = ToolKind.VIDEO
    audience = ToolAudience.EVERYONE
    sort_order = factory.Sequence(int)


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Actualité {n}")
    date = datetime.date(2020, 2, 3)


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Journée régionale {n}")
    date = datetime.date(2019, 1, 31)


class PressItemFactory(DjangoModelFactory):
    class Meta:
        model = PressItem

    title = factory.Sequence(lambda n: f"Article {n}")
    source = "Le Monde"
    date = datetime.date(2020, 1, 10)
    url = factory.Sequence(lambda n: f"https://example.org/article-{n}")
