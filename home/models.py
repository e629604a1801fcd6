"""The home page: introduction, featured items chosen by editors and the latest of each section.

It is the root of the site's page tree (set by `load_demo_data`); the section index pages live
directly below it.
"""

from django.db import models
from django.db.models import Case, F, When, Window
from django.db.models.functions import RowNumber, Substr
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from api.content import content_date
from api.preview import HeadlessPreviewMixin
from core.permissions import StructuralPagePermissionTester
from core.serializers import page_summary

SECTION_PAGE_TYPES = [
    "publications.PublicationIndexPage",
    "publications.NewsIndexPage",
    "publications.EventIndexPage",
    "bibliography.BibliographyIndexPage",
    "experiences.PracticeIndexPage",
    "newsletter.NewsletterIndexPage",
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


class HomePage(HeadlessPreviewMixin, Page):
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
        """Featured pages that the public may see, in the editors' order.

        Two queries whatever their number (view restrictions, then the pages, their specific
        fields deferred). Works on a preview's unsaved items too.
        """
        ids = [f.item_id for f in self.featured_items.order_by("sort_order")]
        pages = Page.objects.live().public().filter(pk__in=ids).specific(defer=True).in_bulk()
        return [pages[pk] for pk in ids if pk in pages]

    @property
    def sections(self) -> list[tuple[Page, list[Page]]]:
        """Each public section with its latest live items, ordered as the section's own list
        orders its content (`SectionIndexPage.get_listing`): by the date they show
        (publication date, start of an event…), newest first; pages without one (in sections
        of other pages) by publication time.

        Three queries whatever the number of sections: the view restrictions, the sections,
        and the latest items of all of them at once (ranked within each section).
        """
        public_pages = Page.objects.live().public()
        sections = list(public_pages.child_of(self).specific(defer=True))
        section_path_length = (self.depth + 1) * Page.steplen
        kinds = {kind for section in sections for kind in section.allowed_subpage_models()}
        latest = (
            public_pages.filter(depth=self.depth + 2, path__startswith=self.path)
            .annotate(shown_date=content_date(Page, among=kinds))
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=Substr("path", 1, section_path_length),
                    order_by=[
                        F("shown_date").desc(nulls_last=True),
                        Case(When(shown_date__isnull=True, then=F("first_published_at"))).desc(
                            nulls_last=True
                        ),
                        F("pk").desc(),
                    ],
                )
            )
            .filter(rank__lte=self.latest_count)
            .order_by("path", "rank")
            .specific(defer=True)
        )
        by_section: dict[str, list[Page]] = {}
        for page in latest:
            by_section.setdefault(page.path[:section_path_length], []).append(page)
        for items in by_section.values():
            # The query's order groups by section (path) but lists a section's pages by
            # their own path, i.e. by creation: put them in rank (newest first) order.
            items.sort(key=lambda page: page.rank)
        return [(section, by_section.get(section.path, [])) for section in sections]


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
