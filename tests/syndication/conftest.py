import pytest
from django.core.cache import cache
from wagtail.models import Page

from api import content_version


@pytest.fixture
def syndication_cache(settings, monkeypatch):
    """The response cache on, emptied for the test (off by default in the test settings)."""
    settings.PAGE_CACHE_TIMEOUT = 600
    monkeypatch.setattr(content_version, "_shared", content_version._SharedVersion())
    cache.clear()
    yield
    cache.clear()


def section(home: Page, slug: str) -> Page:
    return home.get_children().get(slug=slug).specific
