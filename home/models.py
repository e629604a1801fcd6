"""The home page: introduction, featured items chosen by editors and the latest of each section.

It is the root of the site's page tree (set by `load_demo_data`); the section index pages live
directly below it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.permissions import StructuralPagePermissionTester
from core.serializers import page_summary

SECTION_PAGE_TYPES = [
    "publications.PublicationIndexPage",
    "publications.NewsIndexPage",
    "publications.EventIndexPage",
    "bibliography.BibliographyIndexPage",
    "experiences.PracticeIndexPage",
]


class FeaturedItemsField(serializers.Field):
    def to_representation(self, value):
        return [page_summary(page) for page in value]


class SectionsField(serializers.Field):
    def to_representation(self, value):
        return [
            {**page_summary(section), "latest": [page_summary(p) for p in latest]}
            for section, latest in value
        ]


class HomePage(Page):
    """Front page of the network's site (and of the API's page tree)."""

    introduction = RichTextField(_("introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel("featured_items", label=_("À la une"), max_num=6),
    ]

    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    api_fields = [
        APIField("introduction"),
        APIField("featured", serializer=FeaturedItemsField()),
        APIField("sections", serializer=SectionsField()),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = SECTION_PAGE_TYPES
    latest_count = 3

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def permissions_for_user(self, user):
        return StructuralPagePermissionTester(user, self)

    @property
    def featured(self) -> list[Page]:
        """Featured pages that the public may see, in the editors' order."""
        items = self.featured_items.select_related("item").order_by("sort_order")
        return [f.item for f in items if f.item.live and not f.item.get_view_restrictions()]

    @property
    def sections(self) -> list[tuple[Page, list[Page]]]:
        """Each public section with its latest live items."""
        result = []
        for section in self.get_children().live().public().specific():
            latest = (
                section.get_children()
                .live()
                .public()
                .order_by("-first_published_at", "-pk")[: self.latest_count]
            )
            result.append((section, list(latest.specific())))
        return result


class HomePageFeaturedItem(Orderable):
    home_page = ParentalKey(HomePage, related_name="featured_items", on_delete=models.CASCADE)
    item = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contenu"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("item")]

    class Meta(Orderable.Meta):
        verbose_name = _("contenu à la une")
        verbose_name_plural = _("contenus à la une")
