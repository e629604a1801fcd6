"""Exact citation strings per reference type, in both styles."""

import pytest

from bibliography.citations import format_citation

BOOK = {
    "type": "book",
    "title": "Le creuset français : histoire de l'immigration",
    "author": [{"family": "Noiriel", "given": "Gérard"}],
    "publisher": "Seuil",
    "publisher-place": "Paris",
    "issued": {"date-parts": [[1988]]},
}
ARTICLE = {
    "type": "article-journal",
    "title": "La laïcité à l'épreuve",
    "author": [{"family": "Baubérot", "given": "Jean"}, {"family": "Milot", "given": "Micheline"}],
    "container-title": "Hommes & migrations",
    "volume": "12",
    "issue": "3",
    "page": "10-25",
    "issued": {"date-parts": [[2016, 6]]},
}
REPORT = {
    "type": "report",
    "title": "Rapport annuel d'activité 2016",
    "author": [{"literal": "Défenseur des droits"}],
    "publisher": "Défenseur des droits",
    "publisher-place": "Paris",
    "issued": {"date-parts": [[2017]]},
}
CHAPTER = {
    "type": "chapter",
    "title": "Les immigrés âgés",
    "author": [{"family": "Sayad", "given": "Abdelmalek"}],
    "editor": [{"family": "Simon", "given": "Patrick"}],
    "container-title": "Trajectoires",
    "publisher": "INED",
    "publisher-place": "Paris",
    "page": "5-9",
    "issued": {"date-parts": [[2010]]},
}
WEBPAGE = {
    "type": "webpage",
    "title": "La laïcité",
    "author": [{"literal": "ORIV"}],
    "URL": "https://example.org/laicite",
    "issued": {"date-parts": [[2019]]},
    "accessed": {"date-parts": [[2020, 1, 5]]},
}


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            BOOK,
            "NOIRIEL, Gérard, 1988. Le creuset français : histoire de l'immigration. "
            "Paris : Seuil.",
        ),
        (
            ARTICLE,
            "BAUBÉROT, Jean et MILOT, Micheline, 2016. La laïcité à l'épreuve. "
            "Hommes & migrations. juin 2016. Vol. 12, n° 3, pp. 10‑25.",
        ),
        (
            REPORT,
            "DÉFENSEUR DES DROITS, 2017. Rapport annuel d'activité 2016. "
            "Paris : Défenseur des droits.",
        ),
        (
            CHAPTER,
            "SAYAD, Abdelmalek, 2010. Les immigrés âgés. In : SIMON, Patrick (éd.), "
            "Trajectoires. Paris : INED. pp. 5‑9.",
        ),
        (
            WEBPAGE,
            "ORIV, 2019. La laïcité. [en ligne]. 2019. [Consulté le 5 janvier 2020]. "
            "Disponible à l'adresse : https://example.org/laicite",
        ),
    ],
)
def test_french_iso690_author_date(item, expected):
    assert format_citation(item) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (BOOK, "Noiriel, G. (1988). Le creuset français : histoire de l'immigration. Seuil."),
        (
            ARTICLE,
            "Baubérot, J., & Milot, M. (2016). La laïcité à l'épreuve. "
            "Hommes & Migrations, 12(3), 10‑25.",
        ),
        (
            REPORT,
            "Défenseur des droits. (2017). Rapport annuel d'activité 2016. Défenseur des droits.",
        ),
        (
            CHAPTER,
            "Sayad, A. (2010). Les immigrés âgés. In P. Simon (éd.), Trajectoires (p. 5‑9). INED.",
        ),
        (WEBPAGE, "ORIV. (2019). La laïcité. https://example.org/laicite"),
    ],
)
def test_apa(item, expected):
    assert format_citation(item, "apa") == expected


def test_html_citations_escape_markup_found_in_the_data():
    item = dict(BOOK, title="Les <script> & co", author=[{"family": "O'<b>", "given": "Jo"}])
    assert format_citation(item, html=True) == (
        "O'&lt;B&gt;, Jo, 1988. <i>Les &lt;script&gt; &amp; co</i>. Paris : Seuil."
    )


# The other types, as notices give them (`to_csl()` always carries the language: French
# titles keep their case in APA, where English ones would be title-cased).
THESIS = {
    "type": "thesis",
    "language": "fr",
    "title": "Les politiques d'intégration à l'échelle locale",
    "author": [{"family": "Martin", "given": "Camille"}],
    "publisher": "Université de Strasbourg",
    "publisher-place": "Strasbourg",
    "issued": {"date-parts": [[2012]]},
}
NEWSPAPER = {
    "type": "article-newspaper",
    "language": "fr",
    "title": "Les quartiers oubliés",
    "author": [{"family": "Keller", "given": "Anne"}],
    "container-title": "Dernières Nouvelles d'Alsace",
    "page": "4",
    "issued": {"date-parts": [[2015, 3, 12]]},
}
VIDEO = {
    "type": "motion_picture",
    "language": "fr",
    "title": "Paroles d'habitants",
    "author": [{"literal": "ORIV"}],
    "publisher": "ORIV",
    "URL": "https://example.org/video",
    "issued": {"date-parts": [[2014]]},
}
LEGISLATION = {
    "type": "legislation",
    "language": "fr",
    "title": "Loi du 9 décembre 1905 concernant la séparation des Églises et de l'État",
    "issued": {"date-parts": [[1905, 12, 9]]},
}
DOSSIER = {
    "type": "pamphlet",
    "language": "fr",
    "title": "Mixité sociale et logement",
    "author": [{"literal": "ORIV"}],
    "publisher": "ORIV",
    "publisher-place": "Strasbourg",
    "issued": {"date-parts": [[2016]]},
}
CONFERENCE = {
    "type": "paper-conference",
    "language": "fr",
    "title": "Discriminations et territoires",
    "author": [{"family": "Doytcheva", "given": "Milena"}],
    "container-title": "Actes du colloque de Lyon",
    "publisher": "ENS",
    "publisher-place": "Lyon",
    "page": "33-47",
    "issued": {"date-parts": [[2018]]},
}
LAW_TITLE = "Loi du 9 décembre 1905 concernant la séparation des Églises et de l'État"


@pytest.mark.parametrize(
    ("item", "iso690", "apa"),
    [
        (
            THESIS,
            "MARTIN, Camille, 2012. Les politiques d'intégration à l'échelle locale. "
            "Strasbourg : Université de Strasbourg.",
            "Martin, C. (2012). Les politiques d'intégration à l'échelle locale. "
            "Université de Strasbourg.",
        ),
        (
            NEWSPAPER,
            "KELLER, Anne, 2015. Les quartiers oubliés. Dernières Nouvelles d'Alsace. "
            "12 mars 2015. pp. 4.",
            "Keller, A. (2015, mars 12). Les quartiers oubliés. Dernières Nouvelles d'Alsace, 4.",
        ),
        (
            VIDEO,
            "ORIV, 2014. Paroles d'habitants [en ligne]. ORIV, 2014. "
            "Disponible à l'adresse : https://example.org/video",
            "ORIV. (2014). Paroles d'habitants [Enregistrement vidéo]. ORIV. "
            "https://example.org/video",
        ),
        (
            LEGISLATION,
            f"{LAW_TITLE}, 1905. 9 décembre 1905.",
            f"{LAW_TITLE} (1905).",
        ),
        (
            DOSSIER,
            "ORIV, 2016. Mixité sociale et logement. 2016. Strasbourg : ORIV.",
            "ORIV. (2016). Mixité sociale et logement. ORIV.",
        ),
        (
            CONFERENCE,
            "DOYTCHEVA, Milena, 2018. Discriminations et territoires. In : Actes du colloque "
            "de Lyon. Lyon : ENS. 2018. pp. 33‑47.",
            "Doytcheva, M. (2018). Discriminations et territoires. Actes du colloque de Lyon, "
            "33‑47.",
        ),
    ],
)
def test_other_types_in_both_styles(item, iso690, apa):
    assert format_citation(item) == iso690
    assert format_citation(item, "apa") == apa


QUESTION = {
    "type": "article-journal",
    "language": "fr",
    "title": "Faut-il intégrer ?",
    "author": [{"family": "Martin", "given": "Camille"}],
    "container-title": "Hommes & migrations",
    "issued": {"date-parts": [[2019]]},
}
EDITED_BOOK = {
    "type": "book",
    "language": "fr",
    "title": "Trajectoires et origines",
    "editor": [{"family": "Beauchemin", "given": "Cris"}, {"family": "Hamel", "given": "C."}],
    "publisher": "INED",
    "issued": {"date-parts": [[2016]]},
}


def test_a_title_ending_in_a_question_mark_takes_no_period():
    assert format_citation(QUESTION) == (
        "MARTIN, Camille, 2019. Faut-il intégrer ? Hommes & migrations. 2019."
    )
    book = {k: v for k, v in QUESTION.items() if k != "container-title"}
    assert format_citation(dict(book, type="book"), "apa", html=True) == (
        "Martin, C. (2019). <i>Faut-il intégrer ?</i>"
    )


def test_a_chapter_without_its_book_prints_no_empty_in():
    chapter = dict(CONFERENCE, type="chapter")
    del chapter["container-title"]
    assert format_citation(chapter) == (
        "DOYTCHEVA, Milena, 2018. Discriminations et territoires. Lyon : ENS. pp. 33‑47."
    )


def test_a_law_with_only_a_year_prints_it_once():
    law = {"type": "legislation", "language": "fr", "title": "Loi n° 2004-228"}
    assert format_citation(dict(law, issued={"date-parts": [[2004]]})) == "Loi n° 2004-228, 2004."


def test_apa_names_the_editors_of_an_edited_book_once():
    assert format_citation(EDITED_BOOK, "apa") == (
        "Beauchemin, C., & Hamel, C. (éds.). (2016). Trajectoires et origines. INED."
    )
    assert format_citation(EDITED_BOOK) == (
        "BEAUCHEMIN, Cris et HAMEL, C. (éd.), 2016. Trajectoires et origines. INED."
    )
