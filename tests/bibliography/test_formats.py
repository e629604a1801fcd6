"""Each format's quirks, read without a database."""

from bibliography.formats import bibtex, csljson, ris

RIS_ZOTERO = (
    "\ufeffTY  - BOOK\r\n"
    "AU  - Noiriel, Gérard\r\n"
    "AU  - Défenseur des droits\r\n"
    "TI  - Le creuset français : histoire de l'immigration\r\n"
    "PY  - 1988/06//\r\n"
    "ZZ  - tag inconnu\r\n"
    "KW  - immigration\r\n"
    "KW  - histoire\r\n"
    "ER  - \r\n"
    "TY  - JOUR\r\n"
    "TI  - Sans balise de fin\r\n"
    "JO  - Hommes & migrations\r\n"
    "SP  - 10\r\n"
    "EP  - 25\r\n"
    "TY  - RPRT\r\n"
    "TI  - Dernière notice\r\n"
    "ER  - \r\n"
)


def test_ris_reads_bom_crlf_several_authors_and_records_without_end_tag():
    records = list(ris.parse(RIS_ZOTERO.splitlines(True)))
    assert [r.position for r in records] == [1, 2, 3]
    book = records[0].csl
    assert book["author"] == [
        {"family": "Noiriel", "given": "Gérard"},
        {"literal": "Défenseur des droits"},
    ]
    assert book["issued"] == {"date-parts": [[1988, 6]]}
    assert book["keyword"] == "immigration, histoire"
    assert records[0].warnings == ["Balises inconnues ignorées : ZZ"]
    assert records[1].csl["container-title"] == "Hommes & migrations"
    assert records[1].csl["page"] == "10-25"
    assert records[2].csl["type"] == "report"


BIBTEX = r"""
@book{noiriel,
  author = {Noiriel, G{\'e}rard and {Haut Conseil {\`a} l'int{\'e}gration}},
  title = {Le creuset fran{\c c}ais},
  year = {1988}, month = jun, publisher = {Seuil}, address = {Paris},
  unknownfield = {ignoré}
}
@article{broken, title = {Accolade jamais fermée
@article{ok, author = {Sayad, Abdelmalek}, title = {La double absence},
  journal = {Actes {\&} recherches}, volume = {12}, number = {3}, pages = {10--25}, year = 1999}
"""


def test_bibtex_decodes_latex_accents_and_reports_broken_entries():
    records = list(bibtex.parse(BIBTEX))
    assert len(records) == 3
    book, broken, article = records
    assert book.csl["title"] == "Le creuset français"
    assert book.csl["author"] == [
        {"family": "Noiriel", "given": "Gérard"},
        {"literal": "Haut Conseil à l'intégration"},
    ]
    assert book.csl["issued"] == {"date-parts": [[1988, 6]]}
    assert "mal formée" in broken.error
    assert article.csl["container-title"] == "Actes & recherches"
    assert article.csl["page"] == "10-25"
    assert article.csl["issue"] == "3"


def test_csljson_rejects_non_objects_and_reports_invalid_json():
    records = list(csljson.parse('[{"type": "book", "title": "A"}, 3]'))
    assert records[0].csl == {"type": "book", "title": "A"}
    assert records[1].error
    (invalid,) = csljson.parse('[{"title": "A"')
    assert invalid.error.startswith("JSON invalide")


def test_each_format_round_trips_its_own_output():
    items = [
        {
            "type": "chapter",
            "title": "Les discriminations : état des savoirs",
            "author": [{"family": "Fassin", "given": "Éric"}, {"literal": "ORIV"}],
            "editor": [{"family": "Simon", "given": "Patrick"}],
            "container-title": "Trajectoires & origines",
            "publisher": "INED",
            "publisher-place": "Paris",
            "issued": {"date-parts": [[2016, 1, 15]]},
            "page": "5-30",
            "URL": "https://example.org/a_b%20c",
            "accessed": {"date-parts": [[2020, 2, 3]]},
            "keyword": "logement, emploi",
            "abstract": "Résumé 100 % utile.",
        }
    ]
    for module in (ris, bibtex, csljson):
        text = module.dumps(items)
        source = text.splitlines(True) if module is ris else text
        (record,) = module.parse(source)
        assert record.csl == items[0], module.__name__


def test_translators_genre_seasons_and_bc_years_survive_each_format():
    item = {
        "type": "report",
        "title": "Rapport annuel",
        "author": [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}],
        "translator": [{"family": "Sayad", "given": "Abdelmalek"}],
        "genre": "Rapport d'activité",
        "issued": {"date-parts": [[2019]], "season": "printemps"},
    }
    for module in (ris, bibtex, csljson):
        text = module.dumps([item])
        (record,) = module.parse(text.splitlines(True) if module is ris else text)
        expected = dict(item)
        if module is bibtex:  # BibTeX has no season
            expected["issued"] = {"date-parts": [[2019]]}
        assert record.csl == expected, module.__name__
    caesar = {"type": "book", "title": "La guerre des Gaules", "issued": {"date-parts": [[-44]]}}
    for module in (ris, bibtex, csljson):
        text = module.dumps([caesar])
        (record,) = module.parse(text.splitlines(True) if module is ris else text)
        assert record.csl["issued"] == caesar["issued"], module.__name__
