"""Importing files: counts that add up, duplicates, one transaction, round trips."""

import pytest
from django.core.management import call_command

from bibliography.exports import WRITERS
from bibliography.importer import (
    CREATED,
    DUPLICATE,
    REJECTED,
    UPDATE,
    UPDATED,
    Importer,
    ImportFileError,
    decode,
    parse_path,
    parse_text,
)
from bibliography.models import Reference
from search.models import SearchRecord
from tests.factories import ContributorFactory, OrganisationFactory, ReferenceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def ris_record(title: str, year: int = 2016, extra: str = "") -> str:
    return f"TY  - BOOK\nAU  - Simon, Patrick\nTI  - {title}\nPY  - {year}\n{extra}ER  - \n"


def test_latin1_ris_with_a_rejected_record_counts_add_up(tmp_path):
    text = (
        ris_record("Les immigrés âgés")
        + "TY  - BOOK\nAU  - Sans titre\nER  - \n"
        + ris_record("Mixité sociale et logement", extra="SN  - 2-7071-1234-8\n")
    )
    path = tmp_path / "catalogue.ris"
    path.write_bytes(text.replace("\n", "\r\n").encode("latin-1"))
    call_command(
        "import_references",
        str(path),
        "--organisation",
        OrganisationFactory(acronym="ORIV").acronym,
        verbosity=0,
    )
    assert Reference.objects.count() == 2
    reference = Reference.objects.get(title="Les immigrés âgés")
    assert reference.organisation.acronym == "ORIV"
    assert reference.live
    assert [c.family for c in reference.contributors.all()] == ["Simon"]
    isbn = Reference.objects.get(title="Mixité sociale et logement").isbn
    assert isbn == "9782707112347"  # ISBN-10 converted to ISBN-13


def test_report_lists_every_record_once():
    ReferenceFactory(title="Déjà là", year=2016, doi="10.1/abc")
    text = (
        ris_record("Nouvelle", extra="DO  - 10.2/new\n")
        + ris_record("Autre titre", extra="DO  - https://doi.org/10.1/ABC\n")
        + ris_record("Nouvelle", extra="DO  - 10.2/new\n")
        + "TY  - JOUR\nPY  - 2016\nER  - \n"
    )
    report = Importer().run(parse_text(text, "ris"))
    assert report.total == 4
    assert [row.status for row in report.rows] == [CREATED, DUPLICATE, DUPLICATE, REJECTED]
    assert "DOI identique" in report.rows[1].reason
    assert "même fichier" in report.rows[2].reason
    assert report.rows[3].reason == "Titre manquant."


def test_duplicates_by_title_year_and_first_author_can_be_updated():
    existing = ReferenceFactory(title="Le creuset français", year=1988, publisher="")
    ContributorFactory(reference=existing, family="Noiriel", given="Gérard")
    existing.save()
    laicite = ThemeFactory(slug="laicite", name="Laïcité")
    text = ris_record(
        "Le Creuset  français",
        1988,
        "AU  - Noiriel, Gérard\nPB  - Seuil\nKW  - Laïcité\nKW  - histoire\n",
    )
    text = text.replace("AU  - Simon, Patrick\n", "")
    skipped = Importer().run(parse_text(text, "ris"))
    assert skipped.counts[DUPLICATE] == 1
    existing.refresh_from_db()
    assert existing.publisher == ""
    updated = Importer(on_duplicate=UPDATE).run(parse_text(text, "ris"))
    assert updated.counts[UPDATED] == 1
    existing.refresh_from_db()
    assert existing.publisher == "Seuil"
    assert list(existing.themes.all()) == [laicite]
    assert [t.name for t in existing.keywords.all()] == ["histoire"]
    # The state before the import kept as a revision (the notice had none), then the import's.
    before, imported = existing.revisions.order_by("pk")
    assert (before.content["publisher"], imported.content["publisher"]) == ("", "Seuil")


def test_interrupted_import_saves_nothing():
    text = "".join(ris_record(f"Notice {n}") for n in range(1200))

    def interrupt(step, seen=[0]):  # noqa: B006 - counter shared by the calls of one import
        seen[0] += step
        if seen[0] == 700:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Importer(progress=interrupt, batch_size=500).run(parse_text(text, "ris"))
    assert Reference.objects.count() == 0
    # The first batch was indexed for search inside the same transaction: gone as well.
    assert not SearchRecord.objects.exists()


def test_dry_run_saves_nothing(tmp_path):
    path = tmp_path / "a.ris"
    path.write_text(ris_record("Un"), encoding="utf-8")
    call_command("import_references", str(path), "--dry-run", verbosity=0)
    assert not Reference.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "vide"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binaire"),
    ],
)
def test_unreadable_files_have_clear_errors(data, message):
    with pytest.raises(ImportFileError, match=message):
        decode(data)


def test_missing_format_is_reported(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Bonjour", encoding="utf-8")
    with pytest.raises(ImportFileError, match="Format non reconnu"):
        parse_path(path)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_export_then_import_gives_the_same_notice(fmt):
    theme = ThemeFactory(slug="logement", name="Logement")
    reference = ReferenceFactory(
        reference_type="article-journal",
        title="Attributions de logements sociaux",
        subtitle="une approche par les discriminations",
        container_title="Revue & logement",
        year=2019,
        month=3,
        volume="4",
        issue="2",
        pages="11-30",
        url="https://example.org/a",
        abstract="Un résumé.",
        doi="",
        isbn="",
    )
    ContributorFactory(reference=reference, family="Bonnal", given="Liliane", sort_order=0)
    ContributorFactory(reference=reference, family="", given="", literal="ORIV", sort_order=1)
    reference.themes.add(theme)
    reference.keywords.add("attributions")
    reference.save()
    before = Reference.objects.with_related().get(pk=reference.pk).to_csl()
    text = WRITERS[fmt]([before])
    Reference.objects.all().delete()
    report = Importer().run(parse_text(text, fmt))
    assert report.counts[CREATED] == 1
    after = Reference.objects.with_related().get().to_csl()
    before.pop("id"), after.pop("id")
    assert after == before


def test_duplicates_by_isbn_whatever_its_form_and_across_batches():
    ReferenceFactory(title="Mixité sociale", year=2010, isbn="978-2-7071-1234-7")
    bibtex = (
        "@book{a, title={Mixit{\\'e} sociale et logement}, year={2011}, isbn={2-7071-1234-8}}\n"
        + "".join(f"@book{{n{n}, title={{Notice {n}}}, year={{2016}}}}\n" for n in range(4))
        + "@book{b, title={Notice 1}, year={2016}}\n"
    )
    for dry_run in (True, False):
        report = Importer(batch_size=2, dry_run=dry_run).run(parse_text(bibtex, "bibtex"))
        assert [row.status for row in report.rows] == [DUPLICATE] + [CREATED] * 4 + [DUPLICATE]
        assert "ISBN identique" in report.rows[0].reason
        assert report.rows[5].reason == "Doublon de la notice n° 3 du même fichier."
    assert Reference.objects.count() == 5


def test_a_thousand_records_take_a_few_queries_per_batch_not_one_per_record(
    django_assert_max_num_queries,
):
    """Guards the import speed (bench/import_references.py): duplicate lookups, tags, themes,
    contributors and search indexing are written per batch. SQLite splits the notices'
    inserts into rows of about twenty, hence the margin; one query per record would be 1,000+."""
    ThemeFactory(slug="logement", name="Logement")
    text = "".join(
        ris_record(
            f"Notice {n}", extra=f"AU  - Dubet, François\nKW  - logement\nKW  - mot {n % 7}\n"
        )
        for n in range(1000)
    )
    with django_assert_max_num_queries(250):
        report = Importer(keep_rows=False).run(parse_text(text, "ris"))
    assert report.counts[CREATED] == 1000
    assert SearchRecord.objects.filter(title__startswith="Notice ").count() == 1000
    assert Reference.objects.filter(themes__slug="logement").count() == 1000
