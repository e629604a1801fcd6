"""A listing costs a bounded number of SQL queries, however many items and of whatever types.

Each listing is measured twice, with one item of each type and with twenty of each (the
same seven page types, notices and tools); the counts must be equal: nothing is fetched per
item. An absolute ceiling is asserted too, for a page of 20 items.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from publications.models import NoteAuthor, NoteRelatedPage
from tests.factories import (
    ContributorFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    NotePageFactory,
    OrganisationFactory,
    PdfDocumentFactory,
    PersonFactory,
    PointDeVuePageFactory,
    PracticeIndexPageFactory,
    PracticeSheetPageFactory,
    PublicationIndexPageFactory,
    ReferenceFactory,
    TargetGroupFactory,
    ThemeFactory,
    ToolkitPageFactory,
    ToolkitToolFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def build(home_page, settings):
    settings.API_CACHE_TIMEOUT = 0
    theme, other_theme = ThemeFactory(slug="laicite"), ThemeFactory(slug="logement")
    oriv = OrganisationFactory(acronym="ORIV")
    person = PersonFactory(organisation=oriv)
    group = TargetGroupFactory()
    image = get_image_model().objects.create(title="Photo", file=get_test_image_file())
    publications = PublicationIndexPageFactory(parent=home_page)
    news = NewsIndexPageFactory(parent=home_page)
    events = EventIndexPageFactory(parent=home_page)
    practices = PracticeIndexPageFactory(parent=home_page)
    related = NotePageFactory(parent=publications, title="Contenu lié")

    def make(per_type: int) -> None:
        for _ in range(per_type):
            note = NotePageFactory(
                parent=publications, themes=[theme, other_theme], organisations=[oriv]
            )
            note.pdf = PdfDocumentFactory()
            note.tags.add("laïcité", "école")
            NoteAuthor.objects.create(page=note, person=person)
            NoteAuthor.objects.create(page=note, organisation=oriv)
            NoteRelatedPage.objects.create(source=note, page=related)
            note.save()
            PointDeVuePageFactory(parent=publications, themes=[theme])
            toolkit = ToolkitPageFactory(parent=publications, themes=[theme])
            ToolkitToolFactory(page=toolkit, image=image)
            ToolkitToolFactory(page=toolkit)
            NewsPageFactory(parent=news, themes=[theme], organisations=[oriv])
            EventPageFactory(parent=events, themes=[other_theme])
            PracticeSheetPageFactory(
                parent=practices, themes=[theme], target_groups=[group], image=image
            )
            reference = ReferenceFactory(organisation=oriv)
            reference.themes.add(theme)
            ContributorFactory(reference=reference)
            ContributorFactory(reference=reference, family="Sayad", given="Abdelmalek")

    return make


def count(client, url: str) -> int:
    # Warm twice: a new document's size is measured and saved on first use, which starts a new
    # content version; the next request fills that version's memo (site, view restrictions).
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


LISTINGS = [
    "/api/v2/pages/?limit=20",
    "/api/v2/pages/?limit=20&fields=*",
    "/api/v2/pages/?limit=20&order=-date&fields=title",
    "/api/v2/pages/?type=publications.NotePage&fields=*&limit=20",
    "/api/v2/pages/?type=publications.ToolkitPage&fields=*&limit=20",
    "/api/v2/pages/?type=experiences.PracticeSheetPage&fields=*&limit=20",
    "/api/v2/pages/?type=publications.NewsPage,publications.EventPage&fields=*&limit=20",
    "/api/v2/references/?limit=20",
    "/api/v2/references/?limit=20&fields=*",
    "/api/v2/toolkit-tools/?limit=20&fields=*",
]


MAX_QUERIES = 25


def test_listings_cost_the_same_queries_for_1_or_20_items_per_type(
    client, build, django_assert_max_num_queries
):
    build(1)
    one_each = {url: count(client, url) for url in LISTINGS}
    build(19)
    for url in LISTINGS:
        assert len(client.get(url).json()["items"]) == 20, url
        twenty = count(client, url)
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get(url)
        assert twenty == one_each[url], f"{url}: {one_each[url]} queries for 1, {twenty} for 20"
