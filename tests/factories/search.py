import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from tests.search_testapp.models import Notice, SearchArticlePage


class SearchArticlePageFactory(wagtail_factories.PageFactory):
    """A content page of the search test app (draft until published by the test)."""

    class Meta:
        model = SearchArticlePage

    title = factory.Sequence(lambda n: f"Article {n}")
    date = datetime.date(2016, 12, 1)
    summary = ""
    body = ""


class NoticeFactory(DjangoModelFactory):
    """A notice snippet with drafts (not live until published by the test)."""

    class Meta:
        model = Notice

    title = factory.Sequence(lambda n: f"Notice {n}")
    abstract = ""
    year = 2016
    kind = Notice.Kind.BOOK
    live = False
