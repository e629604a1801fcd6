"""« Recueil d'outils pédagogiques »: a curated, ordered list of teaching tools."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from api.preview import HeadlessPreviewMixin
from core.pages import ContentPageMixin

from ..choices import ToolAudience, ToolKind
from ..search import reindex_with_child_relations
from ..serializers import PageSummarySerializer


class ToolkitPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "publications.ToolkitPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ToolkitPage(HeadlessPreviewMixin, ContentPageMixin, Page):
    """A toolkit: an introduction, then its tools; visitors filter them by kind and audience.

    The same filters are offered on the public page (`?kind=…&audience=…`) and by the API
    endpoint `/api/v2/toolkit-tools/` (see `publications/api.py`).
    """

    search_boost = 1.5  # the network's own productions rank first in the unified search

    introduction = RichTextField(_("introduction"), blank=True)
    tags = ClusterTaggableManager(through=ToolkitPageTag, blank=True, verbose_name=_("mots-clés"))

    content_panels = [
        *Page.content_panels,
        *ContentPageMixin.content_meta_panels,
        FieldPanel("introduction"),
        FieldPanel("tags"),
        InlinePanel("tools", label=_("outil"), heading=_("Outils")),
    ]

    search_fields = [
        *Page.search_fields,
        *ContentPageMixin.content_search_fields,
        index.SearchField("introduction"),
        index.RelatedFields(
            "tools",
            [
                index.SearchField("title"),
                index.SearchField("producer"),
                index.SearchField("description"),
            ],
        ),
    ]

    api_fields = [
        *ContentPageMixin.api_fields,
        APIField("introduction"),
        APIField("tags"),
        APIField("tools"),
    ]

    @classmethod
    def api_prefetch(cls) -> list[str]:
        """The tools' images and their renditions, once per listing (api/prefetch.py)."""
        return ["tools__image__renditions"]

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("recueil d'outils pédagogiques")
        verbose_name_plural = _("recueils d'outils pédagogiques")

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        reindex_with_child_relations(self)
        return result

    def get_context(self, request, *args, **kwargs):
        from ..forms import ToolFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ToolFilterForm(request.GET or None)
        context["filter_form"] = form
        context["tools"] = form.filter(self.tools.all().select_related("image"))
        return context


class ToolkitTool(Orderable):
    """One tool of a toolkit (a video, a game, an exhibition…), in the editors' order."""

    page = ParentalKey(ToolkitPage, on_delete=models.CASCADE, related_name="tools")
    title = models.CharField(_("titre"), max_length=255)
    kind = models.CharField(_("type d'outil"), max_length=20, choices=ToolKind.choices)
    audience = models.CharField(_("public"), max_length=20, choices=ToolAudience.choices)
    producer = models.CharField(_("producteur"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)
    duration = models.CharField(
        _("durée"), max_length=60, blank=True, help_text=_("Par exemple « 26 min » ou « 2 h ».")
    )
    url = models.URLField(_("lien"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
        FieldRowPanel([FieldPanel("producer"), FieldPanel("year"), FieldPanel("duration")]),
        FieldPanel("url"),
        FieldPanel("image"),
        FieldPanel("description"),
    ]

    api_fields = [
        APIField("title"),
        APIField("kind"),
        APIField("kind_label"),
        APIField("audience"),
        APIField("audience_label"),
        APIField("producer"),
        APIField("year"),
        APIField("duration"),
        APIField("url"),
        APIField("image", serializer=ImageRenditionField("fill-480x320")),
        APIField("description"),
        APIField("toolkit", serializer=PageSummarySerializer()),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("outil pédagogique")
        verbose_name_plural = _("outils pédagogiques")

    def __str__(self) -> str:
        return self.title

    @property
    def toolkit(self) -> ToolkitPage:
        return self.page

    @property
    def kind_label(self) -> str:
        return self.get_kind_display()

    @property
    def audience_label(self) -> str:
        return self.get_audience_display()
