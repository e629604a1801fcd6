"""API, admin import and export, notice pages and thematic bibliographies, over HTTP."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bibliography.models import Reference
from tests.factories import (
    BibliographyIndexPageFactory,
    ContributorFactory,
    OrganisationFactory,
    ReferenceFactory,
    ThematicBibliographyPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def references():
    laicite = ThemeFactory(slug="laicite", name="Laïcité")
    oriv = OrganisationFactory(acronym="ORIV")
    book = ReferenceFactory(title="Histoire de la laïcité en France", year=2000, organisation=oriv)
    ContributorFactory(reference=book, family="Baubérot", given="Jean")
    book.themes.add(laicite)
    book.save()
    report = ReferenceFactory(reference_type="report", title="Rapport annuel", year=2017)
    ContributorFactory(reference=report, family="", given="", literal="Défenseur des droits")
    ReferenceFactory(title="Brouillon", live=False)
    return book, report


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("doc", "doc@example.org", "pw")
    client.force_login(user)
    return client


def test_api_lists_live_notices_with_filters(client, references):
    book, report = references
    data = client.get("/api/v2/references/").json()
    assert data["meta"]["total_count"] == 2
    assert {item["title"] for item in data["items"]} == {book.title, report.title}
    assert client.get("/api/v2/references/?theme=laicite").json()["meta"]["total_count"] == 1
    assert client.get("/api/v2/references/?organisation=oriv").json()["items"][0]["id"] == book.pk
    assert (
        client.get("/api/v2/references/?type=report&year_from=2010").json()["items"][0]["id"]
        == report.pk
    )
    assert client.get("/api/v2/references/?author=défenseur").json()["meta"]["total_count"] == 1
    assert client.get("/api/v2/references/?year_to=2001").json()["meta"]["total_count"] == 1


def test_api_detail_has_csl_and_citation_in_the_chosen_style(client, references):
    book, _ = references
    detail = client.get(f"/api/v2/references/{book.pk}/").json()
    assert detail["csl"]["author"] == [{"family": "Baubérot", "given": "Jean"}]
    assert detail["citation"].startswith("BAUBÉROT, Jean, 2000. Histoire de la laïcité en France.")
    apa = client.get(f"/api/v2/references/{book.pk}/?style=apa").json()
    assert apa["citation"].startswith("Baubérot, J. (2000).")


def test_api_exports_with_content_type_and_filename(client, references):
    response = client.get("/api/v2/references/?format=ris&theme=laicite")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    assert response["Content-Disposition"] == 'attachment; filename="notices.ris"'
    text = response.content.decode()
    assert text.count("TY  - ") == 1 and "Baubérot, Jean" in text
    bib = client.get(f"/api/v2/references/{references[1].pk}/?format=bibtex")
    assert "{Défenseur des droits}" in bib.content.decode()
    csl = client.get("/api/v2/references/?format=csljson").json()
    assert len(csl) == 2
    assert client.get("/api/v2/references/?format=json").json()["meta"]["total_count"] == 2


@pytest.mark.parametrize(
    "query", ["format=docx", "style=mla", "year_from=deux-mille", "type=roman", "colour=red"]
)
def test_api_bad_parameters_are_400(client, references, query):
    response = client.get(f"/api/v2/references/?{query}")
    assert response.status_code == 400
    assert response.json()["message"]


def test_drafts_are_not_public(client, references):
    draft = Reference.objects.get(title="Brouillon")
    assert client.get(f"/api/v2/references/{draft.pk}/").status_code == 404


def test_admin_import_preview_then_confirm(admin_client):
    ReferenceFactory(title="Existe déjà", year=2016, doi="10.1/x")
    content = (
        b"TY  - BOOK\nTI  - Nouvelle notice\nAU  - Simon, Patrick\nPY  - 2016\nER  - \n"
        b"TY  - BOOK\nTI  - Doublon\nDO  - 10.1/X\nER  - \n"
        b"TY  - BOOK\nPY  - 2016\nER  - \n"
    )
    url = reverse("bibliography_import")
    response = admin_client.post(
        url,
        {
            "file": SimpleUploadedFile("zotero.ris", content),
            "on_duplicate": "skip",
            "publish": "on",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "3 notice(s) lue(s) : 1 créée(s), 0 mise(s) à jour, 1 doublon(s) ignoré(s), 1 rejetée(s)."
        in page
    )
    assert "Titre manquant." in page
    assert Reference.objects.count() == 1
    response = admin_client.post(reverse("bibliography_import_confirm"), follow=True)
    assert Reference.objects.filter(title="Nouvelle notice", live=True).exists()
    assert Reference.objects.get(title="Nouvelle notice").created_by.username == "doc"
    assert "1 créée(s)" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "est vide"), (b"\x00\x01\x02binary" * 10, "semble binaire")],
)
def test_admin_import_rejects_bad_files(admin_client, content, message):
    response = admin_client.post(
        reverse("bibliography_import"),
        {"file": SimpleUploadedFile("x.ris", content), "on_duplicate": "skip"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Reference.objects.exists()


def test_admin_listing_filters_and_bulk_export(admin_client, references):
    book, report = references
    listing = reverse("wagtailsnippets_bibliography_reference:list")
    response = admin_client.get(listing, {"no_abstract": "true", "reference_type": "report"})
    assert report.title in response.content.decode()
    assert book.title not in response.content.decode()
    url = (
        reverse("wagtail_bulk_action", args=("bibliography", "reference", "export"))
        + f"?id={book.pk}&id={report.pk}"
    )
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"format": "csljson"})
    assert response["Content-Disposition"] == 'attachment; filename="notices.json"'
    assert {item["title"] for item in response.json()} == {book.title, report.title}


def test_notice_page_carries_highwire_tags_and_coins(client, home_page, references):
    index = BibliographyIndexPageFactory(parent=home_page)
    book, _ = references
    response = client.get(f"{index.url}notices/{book.pk}/")
    html = response.content.decode()
    assert '<meta name="citation_title" content="Histoire de la laïcité en France">' in html
    assert '<meta name="citation_author" content="Baubérot, Jean">' in html
    assert '<meta name="citation_publication_date" content="2000">' in html
    assert (
        'class="Z3988" title="ctx_ver=Z39.88-2004&amp;'
        "rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Abook" in html
    )
    draft = Reference.objects.get(title="Brouillon")
    assert client.get(f"{index.url}notices/{draft.pk}/").status_code == 404


def test_thematic_bibliography_sections_query_editions_and_exports(client, home_page, references):
    book, report = references
    index = BibliographyIndexPageFactory(parent=home_page)
    laicite = book.themes.get()
    page = ThematicBibliographyPageFactory(
        parent=index,
        sections=[
            (
                "section",
                {
                    "heading": "Rapports",
                    "references": [report],
                    "query": {"themes": [], "keywords": "", "year_from": None, "year_to": None},
                },
            ),
            (
                "section",
                {
                    "heading": "Sur la laïcité",
                    "references": [],
                    "query": {
                        "themes": [laicite],
                        "keywords": "",
                        "year_from": None,
                        "year_to": None,
                    },
                },
            ),
        ],
    )
    old = timezone.now() - datetime.timedelta(days=400)
    Reference.objects.filter(pk=report.pk).update(created_at=old)
    page.editions.create(
        date=timezone.localdate() - datetime.timedelta(days=200), note="mise à jour juin"
    )
    page.editions.create(date=timezone.localdate(), note="mise à jour décembre")
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.date == timezone.localdate()
    # The saved query stays current: a notice published later appears by itself.
    later = ReferenceFactory(title="Laïcité et collectivités locales", year=2021)
    later.themes.add(laicite)
    later.save()
    html = client.get(page.url).content.decode()
    assert html.index("Rapports") < html.index("Rapport annuel") < html.index("Sur la laïcité")
    assert "Laïcité et collectivités locales" in html
    assert "Nouveautés depuis l'édition précédente (mise à jour juin)" in html
    whats_new = html.split("Nouveautés")[1].split("</section>")[0]
    assert "Histoire de la laïcité" in whats_new and "Rapport annuel" not in whats_new
    export = client.get(f"{page.url}export/ris/")
    assert export["Content-Disposition"] == 'attachment; filename="laicite.ris"'
    assert export.content.decode().count("TY  - ") == 3
    assert client.get(f"{page.url}export/pdf/").status_code == 404
    printable = client.get(f"{page.url}imprimer/").content.decode()
    assert "BAUBÉROT, Jean, 2000." in printable
    api = client.get(f"/api/v2/pages/{page.pk}/").json()
    titles = [r["csl"]["title"] for r in api["sections"][1]["value"]["references"]]
    assert titles == ["Laïcité et collectivités locales", "Histoire de la laïcité en France"]
    assert api["edition_list"][0]["note"] == "mise à jour décembre"
    assert api["whats_new_api"]["since"] == page.edition_list[1].date.isoformat()
