import pytest
from django.utils.html import escape
from wagtail.test.utils import WagtailPageTestCase

from bibliography.models import BibliographyIndexPage
from experiences.models import PracticeIndexPage
from home.models import HomePage
from publications.models import EventIndexPage, NewsIndexPage, PublicationIndexPage

SECTIONS = {
    PublicationIndexPage,
    NewsIndexPage,
    EventIndexPage,
    BibliographyIndexPage,
    PracticeIndexPage,
}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_holds_the_sections(self):
        self.assertAllowedSubpageTypes(HomePage, SECTIONS)

    def test_sections_only_live_under_home(self):
        for section in SECTIONS:
            self.assertAllowedParentPageTypes(section, {HomePage})


@pytest.mark.django_db
def test_home_page_renders_in_french_with_sections(client, site_skeleton):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert html.count("<h1>") == 1
    assert 'href="#contenu"' in html
    for title in ("Publications", "Bibliographies", "Pratiques", "Actualités", "Agenda"):
        assert f">{title}</a>" in html


@pytest.mark.django_db
def test_section_page_lists_its_children(client, demo_site):
    section = demo_site.get_children().get(slug="actualites")
    response = client.get(section.url)
    assert response.status_code == 200
    html = response.content.decode()
    children = section.get_children().live()
    assert children.exists()
    for child in children:
        assert escape(child.title) in html


@pytest.mark.django_db
def test_featured_items_hide_unpublished_pages(site_skeleton):
    publications = site_skeleton.get_children().get(slug="publications").specific
    agenda = site_skeleton.get_children().get(slug="agenda").specific
    site_skeleton.featured_items.create(item=publications, sort_order=0)
    site_skeleton.featured_items.create(item=agenda, sort_order=1)
    agenda.unpublish()
    assert [p.pk for p in site_skeleton.featured] == [publications.pk]
