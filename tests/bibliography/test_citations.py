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
