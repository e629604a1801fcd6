"""The pages endpoint's filters apply to every content type, with or without `?type=`."""

import datetime

import pytest
from wagtail.models import Locale, Page, Site

from publications.models import NewsIndexPage, PublicationIndexPage
from tests.factories import OrganisationFactory, ThemeFactory
from tests.factories.testapp import ArticlePageFactory, DispatchPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home_page):
    """Two sections holding notes (with tags) and news items (without)."""
    laicite = ThemeFactory(slug="laicite", name="Laïcité")
    logement = ThemeFactory(slug="logement", name="Mixité sociale et logement")
    oriv = OrganisationFactory(acronym="ORIV")
    irev = OrganisationFactory(acronym="IREV")
    publications = PublicationIndexPage(title="Publications", slug="publications")
    home_page.add_child(instance=publications)
    news = NewsIndexPage(title="Actualités", slug="actualites")
    home_page.add_child(instance=news)
    pages = {
        "note_2016": ArticlePageFactory(
            parent=publications,
            title="Contrat de ville et prévention des discriminations",
            date=datetime.date(2016, 11, 15),
            themes=[logement],
            organisations=[oriv],
            tags=["contrat de ville"],
        ),
        "note_2020": ArticlePageFactory(
            parent=publications,
            title="Les Conventions Intercommunales d'Attribution",
            date=datetime.date(2020, 1, 10),
            themes=[logement, laicite],
            organisations=[irev],
        ),
        "news_2016": DispatchPageFactory(
            parent=news,
            title="Journée régionale laïcité",
            date=datetime.date(2016, 12, 5),
            themes=[laicite],
            organisations=[oriv, irev],
        ),
    }
    pages["publications"] = publications
    pages["news"] = news
    return pages


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_themes_filter_mixes_content_types_without_type(client, content):
    found = ids(client.get("/api/v2/pages/?themes=laicite"))
    assert found == {content["note_2020"].pk, content["news_2016"].pk}


def test_themes_filter_is_any_of(client, content):
    found = ids(client.get("/api/v2/pages/?themes=laicite,logement"))
    assert found == {content["note_2016"].pk, content["note_2020"].pk, content["news_2016"].pk}


def test_themes_filter_with_a_type(client, content):
    found = ids(client.get("/api/v2/pages/?type=testapp.DispatchPage&themes=laicite"))
    assert found == {content["news_2016"].pk}


def test_organisation_filter_by_acronym(client, content):
    found = ids(client.get("/api/v2/pages/?organisation=oriv"))
    assert found == {content["note_2016"].pk, content["news_2016"].pk}


def test_tag_filter_only_finds_tagged_types(client, content):
    assert ids(client.get("/api/v2/pages/?tag=contrat de ville")) == {content["note_2016"].pk}
    assert ids(client.get("/api/v2/pages/?tag=inconnu")) == set()


def test_year_and_date_range(client, content):
    in_2016 = {content["note_2016"].pk, content["news_2016"].pk}
    assert ids(client.get("/api/v2/pages/?year=2016")) == in_2016
    found = ids(client.get("/api/v2/pages/?date_from=2016-12-01&date_to=2020-01-10"))
    assert found == {content["news_2016"].pk, content["note_2020"].pk}
    assert ids(client.get("/api/v2/pages/?date_to=2016-11-30")) == {content["note_2016"].pk}


def test_filters_combine(client, content):
    found = ids(client.get("/api/v2/pages/?themes=laicite&year=2016&organisation=IREV"))
    assert found == {content["news_2016"].pk}


def test_section_by_id_or_slug(client, content):
    by_slug = ids(client.get("/api/v2/pages/?section=publications"))
    assert by_slug == {content["note_2016"].pk, content["note_2020"].pk}
    by_id = ids(client.get(f"/api/v2/pages/?section={content['news'].pk}"))
    assert by_id == {content["news_2016"].pk}


def test_section_applies_to_section_pages_under_home(client, home_page, content):
    found = ids(
        client.get(f"/api/v2/pages/?section={home_page.pk}&type=publications.NewsIndexPage")
    )
    assert found == {content["news"].pk}


def test_order_by_date_across_types_puts_undated_pages_last(client, home_page, content):
    data = client.get("/api/v2/pages/?order=-date").json()
    titles = [item["title"] for item in data["items"]]
    assert titles[:3] == [
        "Les Conventions Intercommunales d'Attribution",
        "Journée régionale laïcité",
        "Contrat de ville et prévention des discriminations",
    ]
    assert set(titles[3:]) == {home_page.title, "Publications", "Actualités"}
    oldest_first = client.get("/api/v2/pages/?order=date&themes=laicite").json()["items"]
    assert [item["id"] for item in oldest_first] == [
        content["news_2016"].pk,
        content["note_2020"].pk,
    ]


def test_order_by_title(client, home_page, content):
    data = client.get(f"/api/v2/pages/?order=title&child_of={home_page.pk}").json()
    assert [item["title"] for item in data["items"]] == ["Actualités", "Publications"]
    data = client.get(f"/api/v2/pages/?order=-title&child_of={home_page.pk}").json()
    assert [item["title"] for item in data["items"]] == ["Publications", "Actualités"]


def test_order_by_date_with_a_type(client, content):
    data = client.get("/api/v2/pages/?type=testapp.ArticlePage&order=date").json()
    assert [item["id"] for item in data["items"]] == [
        content["note_2016"].pk,
        content["note_2020"].pk,
    ]


def test_locale_filter(client, home_page, content):
    english = Locale.objects.create(language_code="en")
    english_home = home_page.copy_for_translation(english, copy_parents=True)
    english_home.save_revision().publish()
    french = ids(client.get(f"/api/v2/pages/?locale=fr&child_of={home_page.pk}"))
    assert french == {content["publications"].pk, content["news"].pk}
    english_only = ids(client.get("/api/v2/pages/?locale=en"))
    assert english_only == {english_home.pk}


def test_a_typed_listing_keeps_to_the_site_and_its_translations(client, home_page, content):
    """`?type=` lists the type's pages of the request's site, in every language of the site,
    and nothing from another site."""
    english = Locale.objects.create(language_code="en")
    english_note = content["note_2016"].copy_for_translation(english, copy_parents=True)
    english_note.save_revision().publish()
    other_home = ArticlePageFactory(parent=Page.get_first_root_node(), title="Autre site")
    elsewhere = ArticlePageFactory(parent=other_home, title="Note d'un autre site")
    Site.objects.create(hostname="autre.example", root_page=other_home)

    typed = client.get("/api/v2/pages/?type=testapp.ArticlePage&limit=100").json()
    listed = {item["id"] for item in typed["items"]}
    assert english_note.pk in listed and content["note_2016"].pk in listed
    assert elsewhere.pk not in listed and other_home.pk not in listed
    assert typed["meta"]["total_count"] == len(listed)

    other = ids(client.get("/api/v2/pages/?type=testapp.ArticlePage&site=autre.example"))
    assert other == {other_home.pk, elsewhere.pk}


def test_pagination_keeps_the_total_count(client, content):
    data = client.get("/api/v2/pages/?themes=laicite,logement&limit=2&order=date").json()
    assert data["meta"]["total_count"] == 3
    assert len(data["items"]) == 2
