"""Every kind of notice, exported in each format and imported again, gives the same notice."""

import datetime

import pytest

from bibliography.choices import ContributorRole, ReferenceType
from bibliography.exports import WRITERS
from bibliography.importer import CREATED, Importer, parse_text
from bibliography.models import Reference
from tests.factories import ContributorFactory, ReferenceFactory

pytestmark = pytest.mark.django_db

COMMON = {"abstract": "Un résumé.", "language": "fr", "doi": "", "isbn": "", "publisher": ""}
NOTICES = {
    ReferenceType.BOOK: {
        "title": "Le creuset français",
        "subtitle": "histoire de l'immigration",
        "publisher": "Seuil",
        "publisher_place": "Paris",
        "year": 1988,
        "edition": "2",
        "collection_title": "Points Histoire",
        "isbn": "9782020098106",
        "call_number": "IMM 12 NOI",
    },
    ReferenceType.CHAPTER: {
        "title": "Les immigrés âgés",
        "container_title": "Trajectoires et origines",
        "publisher": "INED",
        "publisher_place": "Paris",
        "year": 2010,
        "pages": "5-9",
        "editors": ["Simon"],
    },
    ReferenceType.ARTICLE: {
        "title": "La laïcité à l'épreuve",
        "container_title": "Hommes & migrations",
        "year": 2016,
        "month": 6,
        "volume": "12",
        "issue": "3",
        "pages": "10-25",
        "issn": "1142-852X",
        "doi": "10.4000/hommesmigrations.3550",
    },
    ReferenceType.NEWSPAPER: {
        "title": "Les quartiers oubliés",
        "container_title": "Dernières Nouvelles d'Alsace",
        "year": 2015,
        "month": 3,
        "day": 12,
        "pages": "4",
    },
    ReferenceType.REPORT: {
        "title": "Rapport annuel d'activité",
        "publisher": "Défenseur des droits",
        "publisher_place": "Paris",
        "year": 2017,
        "number": "2017-04",
        "url": "https://example.org/rapport.pdf",
    },
    ReferenceType.THESIS: {
        "title": "Les politiques d'intégration à l'échelle locale",
        "publisher": "Université de Strasbourg",
        "publisher_place": "Strasbourg",
        "year": 2012,
    },
    ReferenceType.WEBPAGE: {
        "title": "Qu'est-ce que la laïcité ?",
        "year": 2019,
        "url": "https://example.org/laicite",
        "accessed": datetime.date(2020, 1, 5),
    },
    ReferenceType.VIDEO: {
        "title": "Paroles d'habitants",
        "publisher": "ORIV",
        "year": 2014,
        "url": "https://example.org/video",
    },
    ReferenceType.LEGISLATION: {
        "title": "Loi du 9 décembre 1905 concernant la séparation des Églises et de l'État",
        "year": 1905,
        "month": 12,
        "day": 9,
    },
    ReferenceType.DOSSIER: {
        "title": "Dossier documentaire : mixité sociale et logement",
        "publisher": "ORIV",
        "publisher_place": "Strasbourg",
        "year": 2016,
    },
    ReferenceType.CONFERENCE: {
        "title": "Discriminations et territoires",
        "container_title": "Actes du colloque de Lyon",
        "year": 2018,
        "pages": "33-47",
    },
}


def make_notice(reference_type: str) -> Reference:
    values = {**COMMON, **NOTICES[reference_type]}
    editors = values.pop("editors", [])
    reference = ReferenceFactory(reference_type=reference_type, **values)
    ContributorFactory(reference=reference, family="Noiriel", given="Gérard", sort_order=0)
    ContributorFactory(reference=reference, family="", given="", literal="ORIV", sort_order=1)
    for order, family in enumerate(editors, start=2):
        ContributorFactory(
            reference=reference,
            family=family,
            given="Patrick",
            role=ContributorRole.EDITOR,
            sort_order=order,
        )
    reference.keywords.add("discriminations")
    reference.save()
    return reference


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("reference_type", list(NOTICES))
def test_each_type_survives_export_then_import(reference_type, fmt):
    make_notice(reference_type)
    before = Reference.objects.with_related().get().to_csl()
    text = WRITERS[fmt]([before])
    Reference.objects.all().delete()
    report = Importer().run(parse_text(text, fmt))
    assert report.counts[CREATED] == 1, report.rows
    after = Reference.objects.with_related().get().to_csl()
    before.pop("id"), after.pop("id")
    assert after == before


@pytest.mark.parametrize(
    ("given", "title", "subtitle"),
    [
        ("Migration: a review of local policies", "Migration: a review of local policies", ""),
        ("Le creuset français : histoire", "Le creuset français", "histoire"),
        ("Réunion à 10:30 : compte rendu", "Réunion à 10:30", "compte rendu"),
    ],
)
def test_titles_keep_their_colons_as_the_file_writes_them(given, title, subtitle):
    Importer().run(parse_text(f"TY  - RPRT\nTI  - {given}\nER  - \n", "ris"))
    notice = Reference.objects.get()
    assert (notice.title, notice.subtitle, notice.full_title) == (title, subtitle, given)
    assert f"TI  - {given}\r\n" in WRITERS["ris"]([notice.to_csl()])


def test_a_no_break_space_before_the_colon_becomes_a_space():
    Importer().run(parse_text("TY  - RPRT\nTI  - Laïcité\u00a0: repères\nER  - \n", "ris"))
    assert Reference.objects.get().full_title == "Laïcité : repères"
