"""Exports of an admin selection and of a whole bibliography, and the import command."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from bibliography.importer import ImportFileError, decode
from bibliography.models import Reference
from tests.factories import (
    BibliographyIndexPageFactory,
    ContributorFactory,
    ReferenceFactory,
    ThematicBibliographyPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices():
    book = ReferenceFactory(title="Le creuset français", year=1988, publisher="Seuil")
    ContributorFactory(reference=book, family="Noiriel", given="Gérard")
    book.save()  # the duplicate key reads the first author
    report = ReferenceFactory(reference_type="report", title="Rapport annuel", year=2017)
    return book, report


@pytest.mark.parametrize(
    ("fmt", "content_type", "filename", "marker"),
    [
        ("ris", "application/x-research-info-systems", "notices.ris", "TY  - BOOK"),
        ("bibtex", "application/x-bibtex", "notices.bib", "@book{"),
        ("csljson", "application/vnd.citationstyles.csl+json", "notices.json", '"type": "book"'),
    ],
)
def test_admin_selection_exports_in_each_format(
    client, django_user_model, notices, fmt, content_type, filename, marker
):
    book, report = notices
    client.force_login(django_user_model.objects.create_superuser("doc", "d@example.org", "pw"))
    url = reverse("wagtail_bulk_action", args=("bibliography", "reference", "export"))
    response = client.post(f"{url}?id={book.pk}", {"format": fmt})
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    text = response.content.decode()
    assert marker in text and "Noiriel" in text
    assert "Rapport annuel" not in text


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csljson"])
def test_whole_bibliography_exports_every_section(client, home_page, notices, fmt):
    book, report = notices
    index = BibliographyIndexPageFactory(parent=home_page)
    empty_query = {"themes": [], "keywords": "", "year_from": None, "year_to": None}
    page = ThematicBibliographyPageFactory(
        parent=index,
        slug="immigration",
        sections=[
            ("section", {"heading": "Ouvrages", "references": [book], "query": empty_query}),
            ("section", {"heading": "Rapports", "references": [report], "query": empty_query}),
        ],
    )
    page.save_revision().publish()
    response = client.get(f"{page.url}export/{fmt}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Le creuset français" in text and "Rapport annuel" in text
    assert response["Content-Disposition"].startswith('attachment; filename="immigration.')


def test_command_prints_rejected_records_and_a_summary(tmp_path, notices):
    path = tmp_path / "export.txt"
    path.write_text(
        "TY  - BOOK\nTI  - Le creuset français\nAU  - Noiriel, Gérard\nPY  - 1988\nER  - \n"
        "TY  - RPRT\nPY  - 2020\nER  - \n"
        "TY  - RPRT\nTI  - Un rapport neuf\nPY  - 2020\nER  - \n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command(
        "import_references", str(path), "--format", "ris", stdout=out, stderr=io.StringIO()
    )
    assert out.getvalue().splitlines() == [
        "  n° 2 rejetée : Titre manquant.",
        "3 notice(s) lue(s) : 1 créée(s), 0 mise(s) à jour, 1 doublon(s) ignoré(s), 1 rejetée(s).",
    ]
    assert Reference.objects.filter(title="Un rapport neuf", live=True).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["absent.ris"], "Fichier introuvable"),
        (["notices.ris", "--organisation", "XYZ"], "Structure inconnue : XYZ"),
    ],
)
def test_command_errors_are_clear(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notices.ris").write_text("TY  - BOOK\nTI  - Un\nER  - \n", encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_references", *args, verbosity=0)
    assert not Reference.objects.exists()


def run_command(path, *args) -> str:
    out = io.StringIO()
    call_command("import_references", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vide.bib", "% rien que des commentaires\n", "vide.bib : aucune notice trouvée."),
        ("rejet.ris", "TY  - BOOK\nPY  - 2020\nER  - \n", "rejet.ris : aucune notice valide."),
        ("casse.bib", "@book{a, title={Jamais fermée\n", "casse.bib : aucune notice valide."),
    ],
)
def test_command_fails_when_no_record_is_valid(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run_command(path)


def test_command_prints_warnings(tmp_path):
    path = tmp_path / "cles.bib"
    path.write_text(
        "@book{a, title={Premier}, year=2001, doi={DOI}}\n@book{a, title={Second}, year=2002}\n",
        encoding="utf-8",
    )
    assert run_command(path).splitlines() == [
        "  n° 1 (Premier) : DOI ignoré, « DOI » n'est pas un DOI (10.xxxx/…).",
        "  n° 2 (Second) : Clé de citation « a » répétée (ligne 2) : notice lue quand même.",
        "2 notice(s) lue(s) : 2 créée(s), 0 mise(s) à jour, 0 doublon(s) ignoré(s), 0 rejetée(s).",
    ]


def test_command_refuses_an_undecodable_file_without_a_traceback(tmp_path):
    path = tmp_path / "mac.ris"
    # Neither UTF-8 nor Windows-1252: 0x81 and 0x8D are undefined there.
    path.write_bytes(b"TY  - BOOK\r\nTI  - Caf\x81 \x8d\r\nER  - \r\n")
    message = r"encodage non reconnu .* octet 0x81 illisible à la position 21"
    with pytest.raises(CommandError, match=message):
        run_command(path)
    with pytest.raises(ImportFileError, match=message):  # the admin's upload
        decode(path.read_bytes())
    assert not Reference.objects.exists()
