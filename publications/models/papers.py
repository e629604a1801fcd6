"""Notes and « Point de vue sur… » papers: the network's analytical productions.

Both share `PaperPage` (body, PDF, authors, related content, citation line); each concrete
type has its own tag, author and related-content tables because a `ParentalKey` needs a
concrete target.
"""

from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from api.preview import HeadlessPreviewMixin
from core.documents import download_label
from core.pages import ContentPageMixin
from core.prefetched import prefetched_attr, prefetched_items

from ..api_rows import AuthorNameMixin, load_author_rows, load_related_pages
from ..blocks import BodyStreamBlock
from ..citation import PUBLISHER, format_citation
from ..search import reindex_with_child_relations
from ..serializers import (
    AuthorsSerializer,
    CitationLineSerializer,
    DocumentDownloadSerializer,
    PageSummaryListSerializer,
)


class PaperPage(HeadlessPreviewMixin, ContentPageMixin, Page):
    """What notes and « Point de vue » papers share; `date` is the publication date."""

    search_boost = 1.5  # the network's own productions rank first in the unified search

    body = StreamField(BodyStreamBlock(), verbose_name=_("contenu"), blank=True)
    pdf = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Le nombre de pages et la taille sont lus dans le fichier."),
    )

    paper_panels = [
        MultiFieldPanel(
            [InlinePanel("authors", label=_("auteur"))],
            heading=_("Auteurs"),
        ),
        FieldPanel("body"),
        FieldPanel("pdf"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [InlinePanel("related_pages", label=_("contenu lié"))],
            heading=_("Contenus liés"),
        ),
    ]
    content_panels = [*Page.content_panels, *ContentPageMixin.content_meta_panels, *paper_panels]

    search_fields = [
        *Page.search_fields,
        *ContentPageMixin.content_search_fields,
        index.SearchField("body"),
        index.SearchField("pdf_text"),
        index.SearchField("author_names"),
    ]

    api_fields = [
        *ContentPageMixin.api_fields,
        APIField("authors", serializer=AuthorsSerializer()),
        APIField("body"),
        APIField("pdf", serializer=DocumentDownloadSerializer()),
        APIField("tags"),
        APIField("related_content", serializer=PageSummaryListSerializer()),
        APIField("citation", serializer=CitationLineSerializer()),
    ]

    @classmethod
    def api_rows(cls) -> dict:
        """The authors, with their person or structure, and the related pages the public may
        see, read for a whole listing (api/prefetch.py, publications/api_rows.py)."""
        authors = cls._meta.get_field("authors").related_model
        links = cls._meta.get_field("related_pages").related_model
        return {
            "authors": partial(load_author_rows, authors),
            "related_pages": partial(load_related_pages, links),
        }

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        reindex_with_child_relations(self)
        return result

    def pdf_text(self) -> str:
        return self.pdf.extracted_text if self.pdf else ""

    def author_names(self) -> str:
        return " ".join(author.name for author in self.authors.all())

    @property
    def pdf_label(self) -> str:
        """« PDF, 13 p., 1,2 Mo », or nothing without a PDF."""
        return download_label(self.pdf) if self.pdf else ""

    @property
    def related_content(self) -> list[Page]:
        """Related pages the public may see, in the editors' order."""
        pages = self.__dict__.get(prefetched_attr("related_pages"))
        if pages is not None:  # api_rows
            return pages
        pages = [link.page for link in self.related_pages.select_related("page")]
        return [p.specific for p in pages if p.live and not p.get_view_restrictions()]

    def to_csl(self) -> dict:
        """The paper as CSL-JSON, for Highwire meta tags and COinS (Zotero's connector):
        a report of the network, by its authors (or its member structures), in French."""
        authors = []
        for author in self.authors.select_related("person", "organisation"):
            if author.person_id:
                person = author.person
                authors.append({"family": person.last_name, "given": person.first_name})
            elif author.organisation_id:
                authors.append({"literal": author.organisation.name})
        if not authors:
            authors = [{"literal": o.name} for o in self.organisations.all()]
        csl = {
            "type": "report",
            "title": self.title,
            "author": authors,
            "publisher": PUBLISHER,
            "language": "fr",
            "abstract": self.summary,
            "URL": self.full_url or "",
        }
        if self.date:
            csl["issued"] = {"date-parts": [[self.date.year, self.date.month, self.date.day]]}
        return {key: value for key, value in csl.items() if value}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Absolute URLs from the request's host, not the site's configured one: what the
        # reader sees in the address bar is what they cite (and what Zotero records).
        url = request.build_absolute_uri(self.get_url(request))
        context["csl"] = {**self.to_csl(), "URL": url}
        context["citation"] = self.citation_with_url(url)
        context["pdf_url"] = request.build_absolute_uri(self.pdf.url) if self.pdf else ""
        return context

    @property
    def citation(self) -> str:
        """The « Citer ce document » line: authors, title, Réseau RECI, month year, URL."""
        return self.citation_with_url(self.full_url or "")

    def citation_with_url(self, url: str) -> str:
        """The citation line with the page's URL given (the API's, built with its request)."""
        authors = [author.name for author in prefetched_items(self, "authors")]
        if not authors:
            organisations = prefetched_items(self, "organisations")  # API listings: a list
            authors = [organisation.acronym for organisation in organisations]
        return format_citation(authors, self.title, self.date, url)


class AuthorBase(AuthorNameMixin, Orderable):
    """One author of a paper: a person or a member structure, exactly one of them."""

    person = models.ForeignKey(
        "core.Person",
        verbose_name=_("personne"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("structure membre"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("person"), FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        abstract = True
        # Authors added in code (the demo, imports) have no sort order: creation order then.
        ordering = ["sort_order", "pk"]
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if bool(self.person_id) == bool(self.organisation_id):
            raise ValidationError(
                _("Choisissez soit une personne, soit une structure membre (une seule des deux).")
            )


class RelatedPageBase(Orderable):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contenu"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        abstract = True
        ordering = AuthorBase.Meta.ordering  # creation order for links added in code
        verbose_name = _("contenu lié")
        verbose_name_plural = _("contenus liés")


class NotePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "publications.NotePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NotePage(PaperPage):
    """« Note »: an analytical paper, usually with its downloadable PDF."""

    tags = ClusterTaggableManager(through=NotePageTag, blank=True, verbose_name=_("mots-clés"))

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")


class NoteAuthor(AuthorBase):
    page = ParentalKey(NotePage, on_delete=models.CASCADE, related_name="authors")


class NoteRelatedPage(RelatedPageBase):
    source = ParentalKey(NotePage, on_delete=models.CASCADE, related_name="related_pages")


class PointDeVuePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "publications.PointDeVuePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PointDeVuePage(PaperPage):
    """« Point de vue sur… »: a short position paper on one question."""

    question = models.CharField(
        _("question traitée"),
        max_length=255,
        help_text=_("La question sur laquelle ce point de vue prend position."),
    )
    tags = ClusterTaggableManager(
        through=PointDeVuePageTag, blank=True, verbose_name=_("mots-clés")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("question"),
        *ContentPageMixin.content_meta_panels,
        *PaperPage.paper_panels,
    ]

    search_fields = [*PaperPage.search_fields, index.SearchField("question")]

    api_fields = [APIField("question"), *PaperPage.api_fields]

    class Meta:
        verbose_name = _("point de vue")
        verbose_name_plural = _("points de vue")


class PointDeVueAuthor(AuthorBase):
    page = ParentalKey(PointDeVuePage, on_delete=models.CASCADE, related_name="authors")


class PointDeVueRelatedPage(RelatedPageBase):
    source = ParentalKey(PointDeVuePage, on_delete=models.CASCADE, related_name="related_pages")
