"""ISBN, ISSN and DOI as real files have them: checked, sorted out, never joining two works."""

import pytest

from bibliography.importer import CREATED, DUPLICATE, Importer, parse_text
from bibliography.models import Reference
from tests.factories import ReferenceFactory

pytestmark = pytest.mark.django_db


def run(text: str, fmt: str = "ris"):
    return Importer().run(parse_text(text, fmt))


def test_a_chapter_is_not_merged_into_its_book_on_the_isbn():
    text = (
        "TY  - BOOK\nTI  - Trajectoires et origines\nPY  - 2016\nSN  - 978-2-7332-8008-9\nER  - \n"
        "TY  - CHAP\nTI  - Les immigrés âgés\nT2  - Trajectoires et origines\nSP  - 5\nEP  - 30\n"
        "PY  - 2016\nSN  - 978-2-7332-8008-9\nER  - \n"
        "TY  - CHAP\nTI  - Le logement\nT2  - Trajectoires et origines\nSP  - 31\nEP  - 50\n"
        "PY  - 2016\nSN  - 978-2-7332-8008-9\nER  - \n"
    )
    report = run(text)
    assert [row.status for row in report.rows] == [CREATED] * 3
    chapter = Reference.objects.get(title="Les immigrés âgés")
    assert chapter.isbn == "9782733280089"
    # The book imported again is its own duplicate, not the chapters'.
    again = run("TY  - BOOK\nTI  - Autre titre\nSN  - 2-7332-8008-2\nER  - \n")
    assert again.rows[0].status == DUPLICATE
    assert "Trajectoires et origines (2016)" in again.rows[0].reason


def test_an_isbn_with_a_wrong_checksum_is_dropped_with_a_warning_and_matches_nothing():
    ReferenceFactory(title="Un livre", isbn="9782707112347")
    report = run("TY  - BOOK\nTI  - Un autre livre\nSN  - 978-2-7071-1234-0\nER  - \n")
    (row,) = report.rows
    assert row.status == CREATED
    assert "ISBN ou ISSN invalide ignoré : 978-2-7071-1234-0" in row.reason
    assert Reference.objects.get(title="Un autre livre").isbn == ""


def test_issns_in_the_isbn_field_stay_issns_and_journal_articles_are_not_merged():
    text = (
        "".join(
            f"TY  - JOUR\nTI  - Article {n}\nJO  - Hommes & migrations\nPY  - 2016\n"
            "SN  - 1142-852X\nER  - \n"
            for n in range(2)
        )
        + "@article{c, title={Article 3}, journal={Hommes et migrations}, isbn={1142-852X}}\n"
    )
    report = run(text)
    assert [row.status for row in report.rows] == [CREATED] * 2
    report = run(text.split("ER  - \n")[-1], "bibtex")
    assert report.rows[0].status == CREATED
    article = Reference.objects.get(title="Article 3")
    assert (article.isbn, article.issn) == ("", "1142-852X")


def test_several_issns_are_kept_not_rejected_as_too_long():
    text = (
        "TY  - JOUR\nTI  - Revue\nSN  - 0335-5322 ; 1777-5469 (en ligne) ; 2107-0741 ; 0000-0019\n"
        "ER  - \n"
    )
    (row,) = run(text).rows
    assert row.status == CREATED
    assert Reference.objects.get().issn == "0335-5322, 1777-5469, 2107-0741, 0000-0019"


def test_a_list_of_issns_in_csl_json_is_read():
    run(
        '[{"type": "article-journal", "title": "Revue", "ISSN": ["0335-5322", "1777-5469"]}]',
        "csljson",
    )
    assert Reference.objects.get().issn == "0335-5322, 1777-5469"


def test_dois_keep_their_case_and_match_in_any_case():
    ReferenceFactory(title="Déjà là", doi="10.1000/ABC.Def")
    text = (
        "TY  - JOUR\nTI  - Nouvelle\nDO  - doi:10.4000/HommesMigrations.3550\nER  - \n"
        "TY  - JOUR\nTI  - Même DOI\nDO  - https://doi.org/10.1000/abc.def\nER  - \n"
    )
    report = run(text)
    assert [row.status for row in report.rows] == [CREATED, DUPLICATE]
    assert Reference.objects.get(title="Nouvelle").doi == "10.4000/HommesMigrations.3550"


def test_the_word_doi_is_not_a_doi():
    text = (
        "".join(f"TY  - JOUR\nTI  - Article {n}\nDO  - DOI\nER  - \n" for n in range(2))
        + "@article{a, title={Article 3}, doi={doi: 10.4000/x}}"
    )
    report = run(text.split("@")[0])
    assert [row.status for row in report.rows] == [CREATED, CREATED]
    assert "DOI ignoré, « DOI » n'est pas un DOI (10.xxxx/…)." in report.rows[0].reason
    assert Reference.objects.get(title="Article 0").doi == ""
    run("@" + text.split("@")[1], "bibtex")
    assert Reference.objects.get(title="Article 3").doi == "10.4000/x"


def test_the_admin_refuses_a_doi_or_an_isbn_that_is_not_one():
    from django.core.exceptions import ValidationError

    reference = ReferenceFactory.build(doi="DOI", isbn="978-2-7071-1234-0")
    with pytest.raises(ValidationError) as error:
        reference.clean()
    assert error.value.message_dict == {
        "doi": ["Un DOI a la forme 10.xxxx/… (par exemple 10.4000/hommesmigrations.3550)."],
        "isbn": ["ISBN invalide : vérifiez ses chiffres (ISBN-10 ou ISBN-13)."],
    }
    ReferenceFactory.build(doi="https://doi.org/10.4000/X", isbn="2-7071-1234-8").clean()
