"""The search page in the page's language: French at /recherche/, English at /en/recherche/
(every label the page adds around the results: form, facets, sort, pages, totals)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

KIND_FACETS = ("Type de contenu", "Content type", "Type de référence", "Reference type")


def texts(elements) -> list[str]:
    return [" ".join(element.get_text(" ").split()) for element in elements]


def page_labels(html: str) -> dict[str, list[str]]:
    """What the page itself says around the results, by place (the content left out: titles,
    snippets, theme names, structures, years)."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find(id="contenu")
    facets = {texts([d.summary])[0]: d for d in main.select(".search-facets details")}
    result_kinds = main.select(".search-result-type")
    result_meta = main.select(".search-results .meta")
    return {
        "lang": [soup.html["lang"]],
        "title": texts(soup.select("title")),
        "headings": texts(main.select("h1, .search-intro")),
        "form": texts(main.select(".search-form label, .search-form button, option")),
        "suggestions": [e["data-suggest-label"] for e in main.select("[data-suggest-label]")],
        "names": [e["aria-label"] for e in main.select("[aria-label]")],
        "total": texts(main.select(".search-total")),
        "facets": list(facets),
        "kinds": sorted(
            {
                text
                for name, details in facets.items()
                if name in KIND_FACETS
                for text in texts(details.select("a > span:first-child"))
            }
        ),
        "results": sorted({kind.split(" · ")[0] for kind in texts(result_kinds)}),
        "themes": sorted({meta.contents[0].strip() for meta in result_meta}),
        "pages": texts(main.select(".search-pages > *")),
    }


FRENCH_FORM = [
    "Rechercher dans les publications, notices, pratiques et actualités",
    "Trier par",
    "Pertinence",
    "Date",
    "Rechercher",
]
ENGLISH_FORM = [
    "Search the publications, bibliographic records, practices and news",
    "Sort by",
    "Relevance",
    "Date",
    "Search",
]


def search(client, path: str, **params) -> dict[str, list[str]]:
    response = client.get(path, params)
    return page_labels(response.content.decode())


def counts(**params) -> tuple[int, int]:
    """How many results the search finds, and on how many pages (the same in both languages)."""
    from django.http import QueryDict

    from search import service

    query = QueryDict(mutable=True)
    query.update(params)
    found = service.search(service.parse_params(query))
    return found["total"], found["num_pages"]


def assert_search_page_says(
    client,
    path: str,
    first: dict[str, list[str]],
    *,
    narrowed_kind: str,
    narrowed_total: str,
    second_pages: list[str],
    no_result: str,
) -> None:
    """The labels of the search page at `path`: a search for « discriminations » (`first`, by
    place), the same narrowed to the books (`narrowed_kind`, one of the kinds, and
    `narrowed_total`), its second page (`second_pages`) and a search that finds nothing
    (`no_result`). `{total}`, `{books}` and `{pages}` stand for the counts, the same in every
    language."""
    total, pages = counts(q="discriminations")
    books, _pages = counts(q="discriminations", reference_type="Ouvrage")

    def filled(texts: list[str]) -> list[str]:
        return [text.format(total=total, books=books, pages=pages) for text in texts]

    assert search(client, path, q="discriminations") == {
        place: filled(texts) for place, texts in first.items()
    }
    narrowed = search(client, path, q="discriminations", reference_type="Ouvrage")
    assert narrowed_kind in narrowed["kinds"]
    assert narrowed["total"] == filled([narrowed_total])
    second = search(client, path, q="discriminations", page=2)
    assert second["pages"] == filled(second_pages)
    assert search(client, path, q="zzzzzz")["total"] == [no_result]


def test_french_search_page_is_french(client, demo_site):
    assert_search_page_says(
        client,
        "/recherche/",
        {
            "lang": ["fr"],
            "title": ["Recherche : discriminations – Réseau RECI"],
            "headings": ["Rechercher"],
            "form": FRENCH_FORM,
            "suggestions": ["Suggestions de titres"],
            "names": ["Affiner la recherche", "Pages de résultats"],
            "total": ["{total} résultats pour « discriminations »"],
            "facets": [
                "Type de contenu",
                "Thème",
                "Année",
                "Structure",
                "Région",
                "Type de référence",
            ],
            "kinds": [
                "Article de revue",
                "Article de veille",
                "Bibliographie thématique",
                "Dossier, brochure",
                "Fiche d'expérience",
                "Lettre d'information",
                "Note",
                "Notice bibliographique",
                "Ouvrage",
                "Page web",
                "Point de vue",
                "Rapport",
                "Thème",
                "Événement",
            ],
            "results": ["Note", "Notice bibliographique", "Thème"],
            "themes": ["Thèmes :"],
            "pages": ["Page 1 sur {pages}", "Page suivante"],
        },
        narrowed_kind="✓ Retirer le filtre : Ouvrage",
        narrowed_total="{books} résultats pour « discriminations »",
        second_pages=["Page précédente", "Page 2 sur {pages}", "Page suivante"],
        no_result="Aucun résultat pour « zzzzzz ».",
    )


def test_english_search_page_is_english(client, demo_site):
    assert_search_page_says(
        client,
        "/en/recherche/",
        {
            "lang": ["en"],
            "title": ["Search: discriminations – Réseau RECI"],
            "headings": ["Search", "Most of the network's resources are in French."],
            "form": ENGLISH_FORM,
            "suggestions": ["Title suggestions"],
            "names": ["Refine the search", "Result pages"],
            "total": ["{total} results for “discriminations”"],
            "facets": [
                "Content type",
                "Theme",
                "Year",
                "Member organisation",
                "Region",
                "Reference type",
            ],
            "kinds": [
                "Bibliographic record",
                "Book",
                "Event",
                "Journal article",
                "Newsletter",
                "Note",
                "Pamphlet, brochure",
                "Practice sheet",
                "Press review item",
                "Report",
                "Thematic bibliography",
                "Theme",
                "Viewpoint",
                "Web page",
            ],
            "results": ["Bibliographic record", "Note", "Theme"],
            "themes": ["Themes:"],
            "pages": ["Page 1 of {pages}", "Next page"],
        },
        narrowed_kind="✓ Remove the filter: Book",
        narrowed_total="{books} results for “discriminations”",
        second_pages=["Previous page", "Page 2 of {pages}", "Next page"],
        no_result="No results for “zzzzzz”.",
    )
    error = client.get("/en/recherche/", {"q": "logement", "page": "abc"}).content.decode()
    assert "page must be an integer" in error


def test_search_boxes_lead_to_the_search_page_in_the_page_language(client, demo_site):
    from tests.browser.pages import url_of

    english = client.get(url_of("PracticeSheetPage", locale="en")).content.decode()
    assert 'action="/en/recherche/"' in english
    french = client.get("/").content.decode()
    assert 'action="/recherche/"' in french


def result_languages(client, path: str, **params) -> dict[str, list[str | None]]:
    """The `lang` of each result's title and snippet, by the result's address."""
    soup = BeautifulSoup(client.get(path, params).content.decode(), "html.parser")
    return {
        result.h2.a["href"]: [element.get("lang") for element in result.select("h2, h2 + p")]
        for result in soup.select(".search-results > li")
    }


def test_results_in_another_language_than_the_page_say_so(client, demo_site):
    """The records are mostly French: on the English page their titles and snippets are
    marked French (read aloud in French), and the English practice sheets found on the French
    page English; a result in the page's own language is not marked."""
    from experiences.models import PracticeSheetPage

    french_sheet, english_sheet = (
        PracticeSheetPage.objects.get(slug="comme-a-la-maison-calm", locale__language_code=code).url
        for code in ("fr", "en")
    )
    assert result_languages(client, "/en/recherche/", q="CALM") == {
        french_sheet: ["fr", "fr"],
        english_sheet: [None, None],
    }
    assert result_languages(client, "/recherche/", q="CALM") == {
        french_sheet: [None, None],
        english_sheet: ["en", "en"],
    }
    # Notes, notices and themes: French whatever the page.
    english = result_languages(client, "/en/recherche/", q="discriminations")
    assert len(english) > 1
    assert all(languages == ["fr", "fr"] for languages in english.values())
    french = result_languages(client, "/recherche/", q="discriminations")
    assert french.keys() == english.keys()
    assert all(languages == [None, None] for languages in french.values())


def theme_languages(client, path: str, **params) -> dict[str, set[str]]:
    """The language each result's theme names are read in (their own `lang`, else the nearest
    one above them), by the address of each result that shows themes."""
    soup = BeautifulSoup(client.get(path, params).content.decode(), "html.parser")
    return {
        result.h2.a["href"]: {
            link.get("lang") or link.find_parent(lambda tag: tag.has_attr("lang"))["lang"]
            for link in result.select(".meta a")
        }
        for result in soup.select(".search-results > li")
        if result.select(".meta a")
    }


def test_theme_names_are_french_on_the_english_page(client, demo_site):
    """The themes are the network's French vocabulary, whatever the result's language: on the
    English page they are marked French, the English practice sheet's too; on the French page
    nothing needs saying."""
    from experiences.models import PracticeSheetPage

    english_sheet = PracticeSheetPage.objects.get(
        slug="comme-a-la-maison-calm", locale__language_code="en"
    ).url
    for query in ("CALM", "discriminations"):
        english = theme_languages(client, "/en/recherche/", q=query)
        assert english and all(languages == {"fr"} for languages in english.values())
    assert english_sheet in theme_languages(client, "/en/recherche/", q="CALM")
    french = BeautifulSoup(
        client.get("/recherche/", {"q": "discriminations"}).content.decode(), "html.parser"
    )
    assert french.select(".search-results .meta a") and not french.select(
        ".search-results .meta [lang]"
    )


def test_french_facet_names_are_marked_on_the_english_page(client, demo_site):
    """Themes, structures and regions keep their French names in the facets: marked French on
    the English page; the types, translated, are not; on the French page nothing needs saying."""

    def facet_languages(path: str) -> dict[str, set[str | None]]:
        """By facet (the parameter its links add), the `lang` its value names carry."""
        answer = client.get(path, {"q": "discriminations"}).content.decode()
        names: dict[str, set[str | None]] = {}
        for link in BeautifulSoup(answer, "html.parser").select(".search-facets a"):
            (facet,) = set(parse_qs(urlsplit(link["href"]).query)) - {"q", "sort", "page"}
            marked = link.find(attrs={"lang": True})
            names.setdefault(facet, set()).add(marked["lang"] if marked else None)
        return names

    english = facet_languages("/en/recherche/")
    assert english["theme"] == english["organisation"] == {"fr"}
    assert english["type"] == english["year"] == {None}
    french = facet_languages("/recherche/")
    assert set(french) == set(english) and all(value == {None} for value in french.values())


def test_the_api_says_each_results_language(client, demo_site):
    """The headless front end marks `lang` from the API: the same languages as the page's."""
    from experiences.models import PracticeSheetPage

    english_sheet = PracticeSheetPage.objects.get(
        slug="comme-a-la-maison-calm", locale__language_code="en"
    ).url
    results = client.get("/api/v2/search/", {"q": "CALM"}).json()["results"]
    assert {result["url"]: result["language"] for result in results} == {
        PracticeSheetPage.objects.get(
            slug="comme-a-la-maison-calm", locale__language_code="fr"
        ).url: "fr",
        english_sheet: "en",
    }
    results = client.get("/api/v2/search/", {"q": "discriminations"}).json()["results"]
    assert len(results) > 1 and {result["language"] for result in results} == {"fr"}


@pytest.mark.parametrize(
    ("path", "other_language", "other_path"),
    [
        ("/recherche/?q=discriminations&theme=laicite", "en", "/en/recherche/"),
        ("/en/recherche/?q=discriminations&theme=laicite", "fr", "/recherche/"),
    ],
)
def test_the_search_page_links_to_itself_in_the_other_language(
    client, demo_site, path, other_language, other_path
):
    soup = BeautifulSoup(client.get(path).content.decode(), "html.parser")

    [link] = soup.select(".language-switch a")
    url = urlsplit(link["href"])
    assert (link["hreflang"], url.path) == (other_language, other_path)
    assert parse_qs(url.query) == {"q": ["discriminations"], "theme": ["laicite"]}
    alternates = {e["hreflang"]: e["href"] for e in soup.select("link[rel=alternate][hreflang]")}
    assert set(alternates) == {"fr", "en"}
    assert alternates[other_language] == link["href"]
