"""News of the network, and the press watch (« veille ») that replaces the Scoop.it panorama."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from api.preview import HeadlessPreviewMixin
from core.pages import ContentPageMixin
from core.serializers import OrganisationSummarySerializer, ThemeSummarySerializer

from ..blocks import BodyStreamBlock


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "publications.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(HeadlessPreviewMixin, ContentPageMixin, Page):
    """« Actualité »: a news item of the network; `date` is its publication date."""

    body = StreamField(BodyStreamBlock(), verbose_name=_("contenu"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("mots-clés"))

    content_panels = [
        *Page.content_panels,
        *ContentPageMixin.content_meta_panels,
        FieldPanel("body"),
        FieldPanel("tags"),
    ]

    search_fields = [
        *Page.search_fields,
        *ContentPageMixin.content_search_fields,
        index.SearchField("body"),
    ]

    api_fields = [*ContentPageMixin.api_fields, APIField("body"), APIField("tags")]

    parent_page_types = ["publications.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")


class PressItem(index.Indexed, models.Model):
    """One article of the press watch: many a week, so a snippet with a one-screen form.

    Admin under its own « Veille » menu (`publications/viewsets.py`); read-only API at
    `/api/v2/press/` (`publications/api.py`).
    """

    title = models.CharField(_("titre"), max_length=255)
    source = models.CharField(
        _("source"), max_length=120, help_text=_("Le média ou l'organisme qui publie l'article.")
    )
    date = models.DateField(_("date"), db_index=True)
    url = models.URLField(_("lien"), max_length=500)
    summary = models.TextField(_("résumé"), blank=True)
    themes = models.ManyToManyField(
        "core.Theme", verbose_name=_("thèmes"), blank=True, related_name="press_items"
    )
    organisations = models.ManyToManyField(
        "core.Organisation",
        verbose_name=_("structures du réseau"),
        blank=True,
        related_name="press_items",
        help_text=_("Structures membres qui ont repéré ou commenté cet article."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("date")]),
        FieldPanel("summary"),
        FieldPanel("themes"),
        FieldPanel("organisations"),
    ]

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.SearchField("source"),
        index.FilterField("source"),
        index.FilterField("date"),
        index.RelatedFields("themes", [index.SearchField("name"), index.FilterField("slug")]),
    ]

    api_fields = [
        APIField("title"),
        APIField("source"),
        APIField("date"),
        APIField("url"),
        APIField("summary"),
        APIField("themes", serializer=ThemeSummarySerializer(many=True)),
        APIField("organisations", serializer=OrganisationSummarySerializer(many=True)),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("article de veille")
        verbose_name_plural = _("veille")

    def __str__(self) -> str:
        return f"{self.title} ({self.source})"
