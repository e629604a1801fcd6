"""CSL-JSON as Zotero, citeproc-js and other tools write it: names, roles, genres and dates
that bend the schema."""

import json

import pytest

from bibliography.choices import ContributorRole
from bibliography.citations import format_citation
from bibliography.formats import csljson, ris
from bibliography.importer import CREATED, REJECTED, Importer, parse_text
from bibliography.models import Reference

pytestmark = pytest.mark.django_db

ITEMS = [
    {
        "type": "book",
        "title": "De la démocratie en Amérique",
        "author": [
            {"family": "Tocqueville", "given": "Alexis", "dropping-particle": "de"},
            {"family": "Gaulle", "given": "Charles", "non-dropping-particle": "de"},
            {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
        ],
        "translator": [{"family": "Sayad", "given": "Abdelmalek"}],
        "genre": "Essai",
        "issued": {"date-parts": [[1835]]},
    },
    {
        "type": "motion_picture",
        "title": "Les glaneurs et la glaneuse",
        "director": [{"family": "Varda", "given": "Agnès"}],
        "genre": "Documentaire",
        "issued": {"date-parts": [["2000"]]},
    },
    {"type": "book", "title": "La guerre des Gaules", "issued": {"date-parts": [[-44]]}},
    {"type": "article-journal", "title": "Saison", "issued": {"date-parts": [[2019, 21]]}},
    {
        "type": "article-journal",
        "title": "Été",
        "issued": {"date-parts": [[2019]], "season": "Été"},
    },
    {"type": "book", "title": "Plate", "issued": {"date-parts": [2016, 5]}},
    {"type": "book", "title": "Chaîne", "issued": "2016-05-02"},
    {"type": "book", "title": "Imbriquée", "issued": {"date-parts": [[[2016]]]}},
    {"type": "book", "title": "Lettres", "issued": {"date-parts": [["mai"]]}},
]


def imported() -> tuple[list, dict[str, Reference]]:
    report = Importer().run(parse_text(json.dumps(ITEMS), "csljson"))
    return report.rows, {r.title: r for r in Reference.objects.all()}


def test_particles_suffixes_translators_directors_and_genre_are_kept():
    _, notices = imported()
    book = notices["De la démocratie en Amérique"]
    assert book.genre == "Essai"
    assert book.to_csl()["author"] == ITEMS[0]["author"]
    assert book.to_csl()["translator"] == ITEMS[0]["translator"]
    film = notices["Les glaneurs et la glaneuse"]
    (director,) = film.contributors.all()
    assert (director.role, director.family) == (ContributorRole.DIRECTOR, "Varda")
    assert film.to_csl()["genre"] == "Documentaire"
    assert format_citation(film.to_csl()).startswith("VARDA, Agnès")


def test_bc_years_and_seasons_are_imported():
    rows, notices = imported()
    assert notices["La guerre des Gaules"].year == -44
    assert (notices["Saison"].year, notices["Saison"].season) == (2019, "printemps")
    assert (notices["Été"].year, notices["Été"].season) == (2019, "Été")
    assert notices["Été"].to_csl()["issued"] == {"date-parts": [[2019]], "season": "Été"}
    assert (notices["Plate"].year, notices["Plate"].month) == (2016, 5)
    assert (notices["Chaîne"].year, notices["Chaîne"].day) == (2016, 2)


def test_a_date_that_is_not_a_list_of_numbers_rejects_its_record_only():
    rows, notices = imported()
    statuses = [(row.status, row.reason) for row in rows]
    assert statuses[-1] == (
        REJECTED,
        "Notice CSL-JSON illisible : partie de date non numérique : 'mai'.",
    )
    assert statuses[-2][0] == REJECTED and "[année, mois, jour]" in statuses[-2][1]
    assert [status for status, _ in statuses[:-2]] == [CREATED] * (len(ITEMS) - 2)


def test_ris_seasons_and_bc_years_round_trip():
    text = (
        "TY  - JOUR\nTI  - Printemps\nPY  - 2019///Spring\nER  - \n"
        "TY  - BOOK\nTI  - César\nPY  - -0044\nER  - \n"
    )
    spring, caesar = ris.parse(text.splitlines())
    assert spring.csl["issued"] == {"date-parts": [[2019]], "season": "Spring"}
    assert caesar.csl["issued"] == {"date-parts": [[-44]]}
    assert "PY  - 2019///Spring" in ris.dumps([spring.csl])
    assert "PY  - -0044///" in ris.dumps([caesar.csl])


def test_deeply_nested_json_is_a_clear_error():
    (record,) = csljson.parse("[" * 100_000 + "]" * 100_000)
    assert record.error == "JSON illisible : imbrication trop profonde."
