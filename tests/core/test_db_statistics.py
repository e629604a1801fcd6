"""The query planner's statistics: refreshed by the nightly command, after the demo content and
after large imports of notices (core/db_statistics.py)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection

from bibliography.importer import Importer, parse_text
from bibliography.importer import writing as importer
from bibliography.models import Reference
from core.db_statistics import refresh_statistics
from tests.factories import NotePageFactory, PublicationIndexPageFactory, ReferenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_statistics_yet():
    """SQLite keeps statistics that a committed test (a demo loaded in a live-server test)
    left behind: start each test without them (rolled back with the test)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is not None:
                cursor.execute("DELETE FROM sqlite_stat1")


def analysed(table: str) -> bool:
    """Whether the planner has statistics on `table`."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return False
            cursor.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = %s", [table])
        else:
            cursor.execute("SELECT 1 FROM pg_stats WHERE tablename = %s", [table])
        return cursor.fetchone() is not None


def never_analysed_here(table: str) -> bool:
    # PostgreSQL's autovacuum may have analysed the table on its own; SQLite never does.
    return connection.vendor != "sqlite" or not analysed(table)


def ris(count: int) -> str:
    return "".join(
        f"TY  - BOOK\nAU  - Simon, Patrick\nTI  - Notice {n}\nPY  - 2016\nER  - \n"
        for n in range(count)
    )


def test_the_nightly_command_analyses_the_pages(home_page, capsys):
    NotePageFactory(parent=PublicationIndexPageFactory(parent=home_page))
    assert never_analysed_here("wagtailcore_page")
    call_command("refresh_db_statistics")
    assert analysed("wagtailcore_page")
    assert analysed("publications_notepage")
    assert "Statistiques de la base mises à jour." in capsys.readouterr().out


def test_only_the_tables_asked_for_are_analysed(home_page):
    ReferenceFactory()
    refresh_statistics([Reference])
    assert analysed("bibliography_reference")
    assert never_analysed_here("wagtailcore_page")


def test_a_large_import_refreshes_the_notices_statistics(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(importer, "STATISTICS_REFRESH_ROWS", 3)
    with django_capture_on_commit_callbacks(execute=True):
        Importer().run(parse_text(ris(2), "ris"))
    assert never_analysed_here("bibliography_reference")
    with django_capture_on_commit_callbacks(execute=True):
        Importer().run(parse_text(ris(3).replace("Notice", "Autre notice"), "ris"))
    assert analysed("bibliography_reference")
    assert analysed("bibliography_referencecontributor")


def test_an_import_stands_when_the_statistics_cannot_be_refreshed(
    monkeypatch, django_capture_on_commit_callbacks
):
    def fail(tables):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(importer, "STATISTICS_REFRESH_ROWS", 1)
    monkeypatch.setattr(importer, "refresh_statistics", fail)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = Importer().run(parse_text(ris(2), "ris"))
    assert importer._refresh_reference_statistics in callbacks  # attempted, and failed
    assert report.counts["created"] == 2
    assert Reference.objects.count() == 2


def test_an_unknown_database_is_refused_with_a_clear_error():
    with pytest.raises(CommandError, match="invalid choice: 'archives'"):
        call_command("refresh_db_statistics", "--database", "archives")
