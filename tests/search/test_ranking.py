"""Ranking, the same on every database backend: title matches first, then the most recent."""

import datetime

import pytest

pytestmark = pytest.mark.django_db


def titles(client, q: str) -> list[str]:
    return [r["title"] for r in client.get("/api/v2/search/", {"q": q}).json()["results"]]


def test_a_title_match_ranks_above_a_long_body_full_of_the_word(client, publish_article):
    long_body = " ".join(["La laïcité à l'école et dans les services publics."] * 40)
    publish_article("Guide des services publics", long_body, date=datetime.date(2021, 1, 1))
    publish_article("La laïcité", "Un court texte.", date=datetime.date(2010, 1, 1))
    publish_article("Laïcité et école", "Bref.", date=datetime.date(2011, 1, 1))
    found = titles(client, "laïcité")
    assert set(found[:2]) == {"Laïcité et école", "La laïcité"}
    assert found[2:] == ["Guide des services publics"]
    assert titles(client, "laïcité école") == ["Laïcité et école", "Guide des services publics"]


def test_the_most_recent_breaks_ties(client, publish_article):
    for year in (2014, 2020, 2017):
        publish_article(f"Mixité sociale {year}", "Le logement.", date=datetime.date(year, 1, 1))
    assert titles(client, "logement") == [
        "Mixité sociale 2020",
        "Mixité sociale 2017",
        "Mixité sociale 2014",
    ]


@pytest.mark.parametrize("window", [2, 3])
def test_pages_past_the_ranked_window_follow_it_without_gaps(
    client, publish_article, monkeypatch, window
):
    """PostgreSQL scores only the first matches (title words, then recency); paging goes on,
    also for a page that begins inside the window and ends past it (window 3, page 2)."""
    monkeypatch.setattr("search.postgres.RANK_WINDOW", window)
    for year in (2012, 2019, 2015):
        publish_article(f"Logement {year}", "Bref.", date=datetime.date(year, 1, 1))
    for year in (2021, 2010):
        publish_article(f"Quartiers {year}", "Le logement.", date=datetime.date(year, 1, 1))
    pages = [
        client.get("/api/v2/search/", {"q": "logement", "page_size": 2, "page": page}).json()
        for page in (1, 2, 3)
    ]
    assert pages[0]["total"] == 5
    assert [r["title"] for page in pages for r in page["results"]] == [
        "Logement 2019",
        "Logement 2015",
        "Logement 2012",
        "Quartiers 2021",
        "Quartiers 2010",
    ]


def test_sorting_by_date_pages_through_every_match(client, publish_article):
    for year in (2012, 2019, 2015):
        publish_article(f"Logement {year}", "Bref.", date=datetime.date(year, 1, 1))
    publish_article("Quartiers 2021", "Le logement.", date=datetime.date(2021, 1, 1))
    found = [
        r["title"]
        for page in (1, 2)
        for r in client.get(
            "/api/v2/search/", {"q": "logement", "sort": "date", "page_size": 2, "page": page}
        ).json()["results"]
    ]
    assert found == ["Quartiers 2021", "Logement 2019", "Logement 2015", "Logement 2012"]
