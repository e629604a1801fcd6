"""Notices (bibliography.Reference) and press items (publications.PressItem) in the search."""

import datetime

import pytest
from django.db import connection

from bibliography.choices import ReferenceType
from bibliography.importer import Importer, parse_text
from tests.factories import (
    ContributorFactory,
    OrganisationFactory,
    PressItemFactory,
    ReferenceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

NOTICE = "bibliography.Reference"
PRESS = "publications.PressItem"


def search(client, **params) -> dict:
    response = client.get("/api/v2/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(client, **params) -> list[str]:
    return [result["title"] for result in search(client, **params)["results"]]


def publish_reference(**fields):
    """A notice saved as a draft, then published through a revision, as in the admin."""
    themes = fields.pop("themes", [])
    reference = ReferenceFactory(live=False, **fields)
    reference.themes.set(themes)
    reference.save_revision().publish()
    return reference


@pytest.fixture
def press_item(django_capture_on_commit_callbacks):
    """Create a press item with its themes, as the admin's create view does (one commit)."""

    def create(**fields):
        themes = fields.pop("themes", [])
        with django_capture_on_commit_callbacks(execute=True):
            item = PressItemFactory(**fields)
            item.themes.set(themes)
        return item

    return create


def test_a_notice_is_found_by_a_word_of_its_abstract_and_its_author(client):
    holder = OrganisationFactory(acronym="ODTI")
    reference = publish_reference(
        title="Vieillir en immigration",
        abstract="Les chibanis dans les foyers de travailleurs.",
        reference_type=ReferenceType.REPORT,
        organisation=holder,
        year=2012,
    )
    ContributorFactory(reference=reference, family="Gallou", given="Rémi")
    reference.save_revision().publish()

    data = search(client, q="chibani")
    assert [r["title"] for r in data["results"]] == ["Vieillir en immigration"]
    result = data["results"][0]
    assert (result["type"], result["type_label"], result["year"]) == (
        NOTICE,
        "Notice bibliographique",
        2012,
    )
    assert "<mark>chibanis</mark>" in result["snippet"]
    assert titles(client, q="Gallou") == ["Vieillir en immigration"]
    facets = search(client, q="chibanis")["facets"]
    assert [(f["value"], f["count"]) for f in facets["reference_type"]] == [("Rapport", 1)]
    assert [(f["value"], f["count"]) for f in facets["organisation"]] == [("ODTI", 1)]


def test_a_press_item_is_found_by_its_summary_and_links_to_the_article(client, press_item):
    theme = ThemeFactory(slug="acces-aux-droits", name="Accès aux droits")
    press_item(
        title="Un répertoire en ligne",
        summary="Les lieux d'accueil des étrangers, géolocalisés.",
        source="PAPPU",
        url="http://www.pappu.fr/",
        date=datetime.date(2016, 10, 1),
        themes=[theme],
    )
    data = search(client, q="géolocalisé")
    assert [r["title"] for r in data["results"]] == ["Un répertoire en ligne"]
    result = data["results"][0]
    assert (result["type"], result["url"], result["date"]) == (
        PRESS,
        "http://www.pappu.fr/",
        "2016-10-01",
    )
    assert result["themes"] == [{"slug": "acces-aux-droits", "name": "Accès aux droits"}]
    assert titles(client, q="pappu") == ["Un répertoire en ligne"]


def test_content_type_and_reference_type_facets_narrow_each_other(client, press_item):
    publish_reference(title="Le logement des immigrés", reference_type=ReferenceType.BOOK)
    publish_reference(title="Logement et discriminations", reference_type=ReferenceType.REPORT)
    publish_reference(title="Accès au logement social", reference_type=ReferenceType.REPORT)
    press_item(title="Crise du logement", summary="Un article.")

    def counts(**filters) -> tuple[dict, dict]:
        facets = search(client, q="logement", **filters)["facets"]
        return (
            {f["value"]: f["count"] for f in facets["type"]},
            {f["value"]: f["count"] for f in facets["reference_type"]},
        )

    assert counts() == ({NOTICE: 3, PRESS: 1}, {"Ouvrage": 1, "Rapport": 2})
    assert counts(reference_type="Rapport") == ({NOTICE: 2}, {"Ouvrage": 1, "Rapport": 2})
    assert counts(type=PRESS) == ({NOTICE: 3, PRESS: 1}, {})
    assert search(client, q="logement", type=NOTICE, reference_type="Rapport")["total"] == 2


def test_drafts_unpublishing_editing_and_deleting_a_notice(client):
    reference = publish_reference(title="Les discriminations à l'embauche")
    assert titles(client, q="embauche") == ["Les discriminations à l'embauche"]

    reference.title = "Les discriminations au recrutement"
    reference.save_revision()  # a draft: the public notice does not change yet
    assert titles(client, q="embauche") == ["Les discriminations à l'embauche"]
    assert titles(client, q="recrutement") == []

    reference.get_latest_revision().publish()
    assert titles(client, q="recrutement") == ["Les discriminations au recrutement"]
    assert titles(client, q="embauche") == []

    reference.refresh_from_db()  # as the admin's unpublish view loads it
    reference.unpublish()
    assert titles(client, q="recrutement") == []

    reference.save_revision().publish()
    assert titles(client, q="recrutement") == ["Les discriminations au recrutement"]
    reference.delete()
    assert titles(client, q="recrutement") == []


def test_deleting_a_press_item_removes_it(client, press_item):
    item = press_item(title="Le Forum européen de l'intégration")
    assert titles(client, q="forum") == ["Le Forum européen de l'intégration"]
    item.delete()
    assert titles(client, q="forum") == []


def test_imported_live_notices_are_searchable_after_the_commit(
    client, django_capture_on_commit_callbacks
):
    text = (
        "TY  - BOOK\nAU  - Simon, Patrick\nTI  - Les immigrés âgés\nPY  - 2016\n"
        "AB  - Une enquête sur le vieillissement.\nER  - \n"
        "TY  - RPRT\nTI  - Mixité sociale et logement\nPY  - 2018\nER  - \n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = Importer().run(parse_text(text, "ris"))
    assert report.summary().startswith("2 notice(s) lue(s) : 2 créée(s)")
    assert titles(client, q="vieillissements") == ["Les immigrés âgés"]
    assert titles(client, q="mixite") == ["Mixité sociale et logement"]


def test_notices_imported_as_drafts_stay_out_of_the_search(
    client, django_capture_on_commit_callbacks
):
    text = "TY  - BOOK\nTI  - Les immigrés âgés\nPY  - 2016\nER  - \n"
    with django_capture_on_commit_callbacks(execute=True):
        Importer(publish=False).run(parse_text(text, "ris"))
    assert titles(client, q="immigrés") == []


def test_records_keep_a_copy_of_their_theme_and_organisation_ids(publish_article):
    from search.models import SearchRecord

    laicite, logement = ThemeFactory(slug="laicite"), ThemeFactory(slug="logement")
    oriv = OrganisationFactory(acronym="ORIV")
    page = publish_article("Mixité sociale", "Logement.", themes=[laicite], organisations=[oriv])
    record = SearchRecord.objects.get(object_id=str(page.pk))
    assert record.theme_ids == [laicite.pk]
    assert record.organisation_ids == [oriv.pk]
    page.themes.set([logement, laicite])
    page.organisations.set([])
    page.save_revision().publish()
    record.refresh_from_db()
    assert record.theme_ids == sorted([laicite.pk, logement.pk])
    assert sorted(record.themes.values_list("pk", flat=True)) == record.theme_ids
    assert record.organisation_ids == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored vector")
def test_any_write_of_a_record_title_updates_what_postgresql_matches(client, publish_article):
    from search.models import SearchRecord

    page = publish_article("Mixité sociale", "Logement.")
    SearchRecord.objects.filter(object_id=str(page.pk)).update(title="Accueil des primo-arrivants")
    found = client.get("/api/v2/search/", {"q": "primo-arrivants"}).json()["results"]
    assert [r["title"] for r in found] == ["Accueil des primo-arrivants"]
    assert client.get("/api/v2/search/", {"q": "mixité"}).json()["total"] == 0


def test_a_theme_result_does_not_repeat_its_name_in_its_snippet(client):
    ThemeFactory(
        slug="laicite",
        name="Laïcité",
        description="Le principe de séparation, ses usages et ses malentendus.",
    )
    data = search(client, q="laïcité")
    [theme] = [result for result in data["results"] if result["type"] == "core.Theme"]
    assert theme["title_html"] == "<mark>Laïcité</mark>"
    assert theme["snippet"] == "Le principe de séparation, ses usages et ses malentendus."


def test_a_theme_without_description_has_no_snippet(client):
    ThemeFactory(slug="laicite", name="Laïcité", description="")
    data = search(client, q="laïcité")
    [theme] = [result for result in data["results"] if result["type"] == "core.Theme"]
    assert (theme["title_html"], theme["snippet"]) == ("<mark>Laïcité</mark>", "")
