"""Themes, member structures and tags of a typed listing are read as plain rows
(`api.prefetch.attach_api_rows`): what the API shows must be what the model serializers
show for the same objects, in the same order, for listings and details alike."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework import serializers

from api.prefetch import PrefetchedListSerializer, api_row_relations, summary_columns
from core.models import Theme
from core.serializers import OrganisationSummarySerializer, ThemeSummarySerializer
from publications.models import NoteAuthor, NotePage, PublicationIndexPage
from publications.serializers import AuthorsSerializer
from tests.factories import NotePageFactory, OrganisationFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db

TYPED = "/api/v2/pages/?type=publications.NotePage&fields=themes,organisations,tags,citation"


@pytest.fixture
def notes(home_page):
    publications = PublicationIndexPage(title="Publications", slug="publications")
    home_page.add_child(instance=publications)
    # Created in an order that is neither the themes' nor the structures' alphabetical one.
    logement = ThemeFactory(slug="logement", name="Mixité sociale et logement")
    laicite = ThemeFactory(slug="laicite", name="Laïcité")
    accueil = ThemeFactory(slug="accueil", name="Accueil des primo-arrivants")
    oriv, irev = OrganisationFactory(acronym="ORIV"), OrganisationFactory(acronym="IREV")
    full = NotePageFactory(
        parent=publications,
        title="Contrat de ville",
        date=datetime.date(2016, 11, 1),
        themes=[logement, laicite, accueil],
        organisations=[oriv, irev],
    )
    full.tags.add("école", "contrat de ville", "attributions")
    full.save()
    return {
        "full": full,
        "bare": NotePageFactory(parent=publications, title="Sans classement", themes=[]),
        "one": NotePageFactory(
            parent=publications, title="Une seule structure", themes=[laicite], organisations=[irev]
        ),
    }


def by_id(response) -> dict[int, dict]:
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["items"]}


def expected(page: NotePage) -> dict:
    """What the model serializers make of the page's relations, read from the database."""
    return {
        "themes": ThemeSummarySerializer(many=True).to_representation(page.themes.all()),
        "organisations": OrganisationSummarySerializer(many=True).to_representation(
            page.organisations.all()
        ),
        "tags": sorted(tag.name for tag in page.tags.all()),
    }


def test_listing_shows_each_pages_relations_as_the_model_serializers_do(client, notes):
    items = by_id(client.get(TYPED))
    assert set(items) == {page.pk for page in notes.values()}
    for page in notes.values():
        page = NotePage.objects.get(pk=page.pk)
        item = items[page.pk]
        assert {key: item[key] for key in ("themes", "organisations", "tags")} == expected(page)
    full = items[notes["full"].pk]
    assert [theme["slug"] for theme in full["themes"]] == ["accueil", "laicite", "logement"]
    assert [organisation["acronym"] for organisation in full["organisations"]] == ["IREV", "ORIV"]
    assert full["tags"] == ["attributions", "contrat de ville", "école"]
    assert items[notes["bare"].pk]["themes"] == []
    assert items[notes["bare"].pk]["organisations"] == []
    assert items[notes["bare"].pk]["tags"] == []


def test_citation_falls_back_on_the_structures_read_as_rows(client, notes):
    """A note without authors is cited by its member structures' acronyms."""
    items = by_id(client.get(TYPED))
    assert items[notes["full"].pk]["citation"].startswith("IREV, ORIV. Contrat de ville.")
    assert items[notes["one"].pk]["citation"].startswith("IREV. Une seule structure.")


def test_detail_shows_the_same_relations(client, notes):
    page = NotePage.objects.get(pk=notes["full"].pk)
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert {key: data[key] for key in ("themes", "organisations", "tags")} == expected(page)


def test_a_renamed_theme_shows_at_once(client, notes):
    client.get(TYPED)
    Theme.objects.filter(slug="laicite").update(name="Laïcité et faits religieux")
    theme = Theme.objects.get(slug="laicite")
    theme.save()  # a snippet saved in the admin: a new content version
    items = by_id(client.get(TYPED))
    names = [theme["name"] for theme in items[notes["one"].pk]["themes"]]
    assert names == ["Laïcité et faits religieux"]


class ThemeWithCountSerializer(serializers.ModelSerializer):
    pages = serializers.SerializerMethodField()

    class Meta:
        model = Theme
        fields = ["id", "slug", "pages"]
        list_serializer_class = PrefetchedListSerializer

    def get_pages(self, theme) -> int:
        return 0


class ThemeRenamedSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="name")

    class Meta:
        model = Theme
        fields = ["id", "title"]
        list_serializer_class = PrefetchedListSerializer


def test_only_summaries_of_plain_columns_are_read_as_rows():
    assert summary_columns(ThemeSummarySerializer(many=True)) == ("id", "slug", "name")
    assert summary_columns(OrganisationSummarySerializer(many=True)) == ("id", "acronym", "name")
    # A computed field, or a column shown under another name, needs the model serializer.
    assert summary_columns(ThemeWithCountSerializer(many=True)) is None
    assert summary_columns(ThemeRenamedSerializer(many=True)) is None
    assert summary_columns(ThemeSummarySerializer()) is None


def test_notes_read_their_themes_structures_and_tags_as_rows():
    assert [relation.name for relation in api_row_relations(NotePage)] == [
        "themes",
        "organisations",
        "tags",
    ]


def test_authors_read_as_rows_are_shown_as_the_models_show_them(client, notes):
    """People with or without a member structure, and structures, in the editors' order."""
    page = notes["full"]
    irev = OrganisationFactory(acronym="CRI")
    NoteAuthor.objects.create(page=page, organisation=irev, sort_order=2)
    NoteAuthor.objects.create(
        page=page, person=PersonFactory(first_name="", last_name="Sayad"), sort_order=0
    )
    NoteAuthor.objects.create(
        page=page, person=PersonFactory(organisation=None, last_name="Simon"), sort_order=1
    )
    NoteAuthor.objects.create(page=notes["one"], organisation=irev)
    page = NotePage.objects.get(pk=page.pk)
    from_models = AuthorsSerializer().to_representation(page.authors)
    assert [author["name"] for author in from_models] == ["Sayad", "Camille Simon", "CRI"]
    assert from_models[1]["person"]["organisation"] is None

    items = by_id(client.get(f"{TYPED},authors"))
    assert items[page.pk]["authors"] == from_models
    assert items[page.pk]["citation"].startswith("Sayad, Camille Simon, CRI. Contrat de ville.")
    assert [author["name"] for author in items[notes["one"].pk]["authors"]] == ["CRI"]
    assert items[notes["bare"].pk]["authors"] == []
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["authors"] == from_models


def test_listing_reads_the_summaries_as_rows_not_model_instances(client, notes):
    """Reading model instances would select every column of the themes' table."""
    with CaptureQueriesContext(connection) as queries:
        client.get(TYPED)
    themes_queries = [query["sql"] for query in queries if '"core_theme"' in query["sql"]]
    assert themes_queries
    assert not any('"core_theme"."description"' in sql for sql in themes_queries)
