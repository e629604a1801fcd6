"""The API's page URLs are Wagtail's own, built once per request and language."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale, Page, Site

from api.page_urls import full_url
from tests.factories.testapp import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    english = Locale.objects.create(language_code="en")
    section = ArticlePageFactory(parent=home_page, title="Publications", slug="publications")
    note = ArticlePageFactory(parent=section, title="Note", slug="contrat-de-ville")
    accented = ArticlePageFactory(parent=section, title="Laïcité", slug="laïcité-à-l-école")
    english_note = note.copy_for_translation(english, copy_parents=True)
    english_note.save_revision().publish()
    other_home = ArticlePageFactory(parent=Page.get_first_root_node(), slug="autre")
    Site.objects.create(hostname="autre.example", port=8080, root_page=other_home)
    elsewhere = ArticlePageFactory(parent=other_home, slug="ailleurs")
    orphan = ArticlePageFactory(parent=Page.get_first_root_node(), slug="hors-site")
    return [home_page, section, note, accented, english_note, other_home, elsewhere, orphan]


def test_every_page_gets_wagtail_s_url(pages):
    request = RequestFactory().get("/api/v2/pages/")
    expected = [page.get_full_url() for page in pages]
    assert [full_url(page, request) for page in pages] == expected
    assert [full_url(page) for page in pages] == expected
    assert "http://testserver/en/publications/contrat-de-ville/" in expected
    assert "http://testserver/publications/la%C3%AFcit%C3%A9-%C3%A0-l-%C3%A9cole/" in expected
    assert "http://autre.example:8080/ailleurs/" in expected
    assert expected[-1] is None  # outside every site: not routable


def test_the_language_prefix_is_kept_per_language_within_a_request(pages):
    request = RequestFactory().get("/api/v2/pages/")
    french, english = pages[2], pages[4]
    assert full_url(french, request) == "http://testserver/publications/contrat-de-ville/"
    assert full_url(english, request) == "http://testserver/en/publications/contrat-de-ville/"
    with translation.override("en"):
        assert full_url(pages[1]) == pages[1].get_full_url() == "http://testserver/publications/"


def test_settings_the_shortcut_does_not_cover_are_left_to_wagtail(pages, monkeypatch):
    monkeypatch.setattr("wagtail.models.pages.WAGTAIL_APPEND_SLASH", False)
    request = RequestFactory().get("/api/v2/pages/")
    assert full_url(pages[2], request) == "http://testserver/publications/contrat-de-ville"


def test_a_model_with_its_own_routing_is_asked_for_its_url(pages, monkeypatch):
    def get_url_parts(self, request=None):
        return (1, "https://ailleurs.example", "/notes/")

    monkeypatch.setattr(type(pages[2]), "get_url_parts", get_url_parts)
    assert full_url(pages[2], RequestFactory().get("/")) == "https://ailleurs.example/notes/"
