"""A documentalist's day with the notices: a RIS file imported through « Importer un fichier »
(preview, then confirmation), and a selection of notices exported from the listing."""

import re

from playwright.sync_api import expect

from tests.browser.admin import log_in

RIS = """TY  - RPRT
TI  - Les discriminations à l'embauche dans le Bas-Rhin : enquête de terrain
AU  - Martin, Claire
PY  - 2025
PB  - ORIV
CY  - Strasbourg
AB  - Enquête menée auprès de 40 employeurs alsaciens.
KW  - discriminations
ER  -

TY  - JOUR
TI  - Parcours d'intégration des primo-arrivants en Alsace
AU  - Weber, Paul
PY  - 2024
JO  - Hommes et migrations
VL  - 1345
SP  - 12
EP  - 19
ER  -
""".replace("ER  -\n", "ER  - \n")  # the RIS end tag, with its trailing space
TITLES = [
    "Les discriminations à l'embauche dans le Bas-Rhin : enquête de terrain",
    "Parcours d'intégration des primo-arrivants en Alsace",
]


def imported_references():
    """The file's notices, by title (the part before « : » is the title, the rest a subtitle)."""
    from django.db.models import Q

    from bibliography.models import Reference

    matches = Q()
    for title in TITLES:
        matches |= Q(title=title.split(" : ")[0])
    return Reference.objects.filter(matches)


def test_ris_import_with_preview_and_confirmation(page, tmp_path):
    path = tmp_path / "notices-oriv.ris"
    path.write_text(RIS, encoding="utf-8")
    log_in(page, "editeur-oriv")
    page.goto("/admin/snippets/bibliography/reference/")
    page.get_by_role("link", name="Importer un fichier").click()
    expect(page.locator("h1")).to_contain_text("Importer des notices")
    page.get_by_label("Fichier").set_input_files(path)
    page.get_by_role("button", name="Prévisualiser").click()

    expect(page.locator("h1")).to_contain_text("Prévisualisation de l'import")
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(2)
    for title in TITLES:
        expect(page.locator("table.listing")).to_contain_text(title)
    assert not imported_references().exists(), "saved before confirmation"

    page.get_by_role("button", name="Confirmer l'import").click()
    expect(page.locator("main")).to_contain_text(re.compile(r"2 (notices )?créées|créée"))
    imported = imported_references()
    assert imported.count() == 2
    assert {reference.organisation.acronym for reference in imported} == {"ORIV"}
    assert not any(reference.live for reference in imported), "an editor's import is a draft"


def test_export_a_selection_of_notices_as_ris(page):
    log_in(page, "editeur-oriv")
    page.goto("/admin/snippets/bibliography/reference/")
    rows = page.locator("table.listing tbody tr")
    chosen = []
    for index in range(2):
        row = rows.nth(index)
        row.get_by_role("checkbox").check()
        chosen.append(row.get_by_role("link").first.inner_text().strip())
    page.get_by_role("link", name="Exporter les notices sélectionnées").click()
    expect(page.locator("main")).to_contain_text("2 notice(s) sélectionnée(s)")
    page.get_by_label("Format").select_option("ris")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ris")
    with open(download.path(), encoding="utf-8") as exported:
        ris = exported.read()
    assert ris.count("TY  - ") == 2
    for title in chosen:
        assert title[:30] in ris
