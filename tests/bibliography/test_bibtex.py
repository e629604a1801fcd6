"""BibTeX as JabRef, HAL and hand-written files have it, read without a database."""

from pathlib import Path

from bibliography.formats import bibtex

FILES = Path(__file__).parent / "files"


def read(name: str) -> list:
    return list(bibtex.parse((FILES / name).read_text(encoding="utf-8")))


def test_capital_field_names_split_co_authors():
    article = read("hal_jabref.bib")[0].csl
    assert article["author"] == [
        {"family": "Sayad", "given": "Abdelmalek"},
        {"family": "Noiriel", "given": "Gérard"},
        {"literal": "Haut Conseil à l'intégration"},
    ]
    assert article["issued"] == {"date-parts": [[1999, 6]]}


def test_string_macros_and_concatenation_are_resolved():
    article = read("hal_jabref.bib")[0].csl
    assert article["container-title"] == "Hommes & migrations, revue"


def test_a_repeated_citation_key_still_reads_both_works_with_a_warning():
    records = read("hal_jabref.bib")
    first, second = records[1], records[2]
    assert first.csl["title"] == "Premier ouvrage" and not first.warnings
    assert second.csl["title"] == "Second ouvrage"
    assert second.csl["author"] == [{"family": "Tribalat", "given": "Michèle"}]
    assert second.warnings == [
        "Clé de citation « dup2001 » répétée (ligne 18) : notice lue quand même."
    ]


def test_crossref_fills_the_chapter_from_its_book():
    chapter = read("hal_jabref.bib")[3].csl
    assert chapter["title"] == "Les immigrés âgés"
    assert chapter["container-title"] == "Trajectoires et origines"
    assert chapter["editor"] == [
        {"family": "Beauchemin", "given": "Cris"},
        {"family": "Hamel", "given": "Christelle"},
    ]
    assert (chapter["publisher"], chapter["publisher-place"]) == ("INED", "Paris")
    assert chapter["issued"] == {"date-parts": [[2016]]}
    assert chapter["page"] == "5-30"


def test_a_missing_crossref_parent_is_a_warning():
    (record,) = bibtex.parse("@incollection{a, title={Seul}, crossref={absent}}")
    assert record.csl["title"] == "Seul"
    assert record.warnings == ["Notice parente « absent » (crossref) introuvable dans le fichier."]


def test_braces_are_kept_inside_math():
    article = read("hal_jabref.bib")[5].csl
    assert article["title"] == r"Le seuil $\alpha_{0}$ et la part $p^{2}$"


def test_name_suffix_and_particle():
    (record,) = bibtex.parse(
        "@book{a, author={King, Jr, Martin Luther and Charles de Gaulle}, title={T}}"
    )
    assert record.csl["author"] == [
        {"family": "King", "given": "Martin Luther", "suffix": "Jr"},
        {"family": "de Gaulle", "given": "Charles"},
    ]


TRICKY = {
    "type": "report",
    "title": r"Chemins C:\Partage\notes_2016 ~ {brouillon} : 100 % & #1 à 5 $",
    "author": [{"family": "Martin & Fils", "given": "Camille"}, {"literal": "ORIV {Alsace}"}],
    "abstract": "Accolade seule { et tilde~ ; insécable\u00a0: oui",
    "publisher": "Éditions_du_réseau",
    "URL": "https://example.org/a_b%20c#x",
}


def test_exported_special_characters_read_back_the_same():
    text = bibtex.dumps([TRICKY])
    assert r"\textbackslash{}" in text and r"\{brouillon\}" in text
    (record,) = bibtex.parse(text)
    for key, value in TRICKY.items():
        assert record.csl[key] == value, key


def test_exported_special_characters_read_back_the_same_with_bibtexparser():
    import bibtexparser
    from bibtexparser import middlewares

    balanced = dict(TRICKY, abstract="tilde~ et {accolades}")
    library = bibtexparser.parse_string(
        bibtex.dumps([balanced]),
        append_middleware=[middlewares.LatexDecodingMiddleware(), middlewares.SeparateCoAuthors()],
    )
    (entry,) = library.entries
    assert entry["title"] == balanced["title"]
    assert entry["abstract"] == balanced["abstract"]
    assert entry["author"][0] == "Martin & Fils, Camille"
