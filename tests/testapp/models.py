"""Two content page types fulfilling `core.pages.ContentPageMixin`, for tests only."""

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from api.preview import HeadlessPreviewMixin
from core.pages import ContentPageMixin


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "testapp.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(HeadlessPreviewMixin, ContentPageMixin, Page):
    """A note-like page: rich text body and free tags."""

    body = RichTextField(blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)

    search_fields = [*Page.search_fields, *ContentPageMixin.content_search_fields]

    api_fields = [
        *ContentPageMixin.api_fields,
        APIField("body"),
        APIField("page_count"),
        APIField("tags"),
    ]


class DispatchPage(ContentPageMixin, Page):
    """A news-like page: no tags, a source link."""

    source_url = models.URLField(blank=True)

    search_fields = [*Page.search_fields, *ContentPageMixin.content_search_fields]

    api_fields = [*ContentPageMixin.api_fields, APIField("source_url")]
