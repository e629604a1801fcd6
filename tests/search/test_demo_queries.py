"""French queries over the demo content, with the title expected first.

Over the whole demo (sections, themes, publications, practices, bibliographies).
"""

import pytest

DEMO_QUERIES = [
    ("publications", "Publications"),
    ("bibliographies thématiques", "Bibliographies"),
    ("fiches d'expérience", "Pratiques"),
    (
        "panorama de presse",
        "Panorama de presse « Immigration, intégration, lutte contre les discriminations »",
    ),
    ("séminaires régionaux", "Agenda"),
    ("laicite", "Laïcité"),
    ("LAÏCITÉ", "Laïcité"),
    ("discrimination emploi", "Discriminations dans l'emploi"),
    ("discriminations logement", "Discriminations dans le logement"),
    ("l'école", "Discriminations à l'école"),
    ("refus de soins", "Guide pratique : Santé des personnes immigrées et refus de soins"),
    ("mixité sociale", "Mixité sociale et logement"),
    (
        "état des savoirs",
        "Les discriminations liées à l'origine réelle ou supposée dans le logement : "
        "état des savoirs",
    ),
    ("primo-arrivants", "Intégration des primo-arrivants"),
    ("relations interculturelles", "Interculturalité"),
    ("personnes agees immigrees", "Personnes âgées immigrées"),
    ("foyers de travailleurs migrants", "Les foyers de travailleurs migrants en transformation"),
    ("lien social", "Point de vue sur… La laïcité au service du lien social"),
    ("valeurs de la République", "Valeurs de la République"),
    ("non-recours", "Accès aux droits"),
    ("ateliers sociolinguistiques", "Les ateliers sociolinguistiques en question"),
]


@pytest.mark.django_db
def test_demo_queries_find_the_expected_title_first(client, demo_site):
    """One demo load for every query (the demo takes seconds to build)."""
    wrong = {}
    for query, expected in DEMO_QUERIES:
        results = client.get("/api/v2/search/", {"q": query}).json()["results"]
        first = results[0]["title"] if results else None
        if first != expected:
            wrong[query] = first
    assert wrong == {}
