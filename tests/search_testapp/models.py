"""Stand-ins for the content types other apps add: a content page and a notice snippet."""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Page, RevisionMixin
from wagtail.search import index

from core.choices import Region
from core.pages import ContentPageMixin


class SearchArticlePage(ContentPageMixin, Page):
    body = RichTextField(blank=True)
    region = models.CharField(max_length=2, choices=Region.choices, blank=True)

    search_fields = [
        *Page.search_fields,
        *ContentPageMixin.content_search_fields,
        index.SearchField("body"),
        index.FilterField("region"),
    ]

    class Meta:
        verbose_name = "article"


class Notice(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    class Kind(models.TextChoices):
        BOOK = "ouvrage", "Ouvrage"
        ARTICLE = "article", "Article"
        REPORT = "rapport", "Rapport"

    title = models.CharField(max_length=500)
    abstract = models.TextField(blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BOOK)
    themes = ParentalManyToManyField("core.Theme", blank=True, related_name="+")
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("abstract"),
        index.AutocompleteField("title"),
        index.FilterField("year"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = "notice"

    def __str__(self) -> str:
        return self.title
