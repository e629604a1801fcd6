"""The demo's notices: well-known works of the field and the network's own publications
(`works.csv`), then plausible documents signed by member structures, generated from
`document_kinds.csv`, `member_topics.csv`, `article_topics.csv` and `members.csv`.

No identifier (DOI, ISBN, URL) is given: none is invented. In the CSV files a cell holding
several values separates them with `|`; a person is written « Family, Given », an organisation
by its name or acronym.
"""

from pathlib import Path
from typing import NamedTuple

from core.demo_tools import read_csv, split_cell

DATA = Path(__file__).parent


class Work(NamedTuple):
    csl_type: str
    title: str
    authors: list[str]
    editors: list[str]
    container: str
    publisher: str
    place: str
    year: int
    collection: str
    themes: list[str]


def real_works() -> list[Work]:
    return [
        Work(
            csl_type=row["type"],
            title=row["title"],
            authors=split_cell(row["authors"]),
            editors=split_cell(row["editors"]),
            container=row["container"],
            publisher=row["publisher"],
            place=row["place"],
            year=int(row["year"]),
            collection=row["collection"],
            themes=split_cell(row["themes"]),
        )
        for row in read_csv(DATA / "works.csv")
    ]


def _members() -> dict[str, str]:
    """The member structures that sign the generated documents in turn, with their town."""
    return {row["acronym"]: row["place"] for row in read_csv(DATA / "members.csv")}


def generated_works() -> list[Work]:
    """One document per (topic, kind), signed by a member structure in turn: 56 notices."""
    places = _members()
    authors = list(places)
    kinds = read_csv(DATA / "document_kinds.csv")
    works = []
    for t, topic in enumerate(read_csv(DATA / "member_topics.csv")):
        for k, kind in enumerate(kinds):
            author = authors[(t + k) % len(authors)]
            works.append(
                Work(
                    csl_type=kind["type"],
                    title=kind["pattern"].format(topic=topic["topic"]),
                    authors=[author],
                    editors=[],
                    container="",
                    publisher=author,
                    place=places[author],
                    year=2008 + (t * 3 + k * 5) % 12,
                    collection="",
                    themes=split_cell(topic["themes"]),
                )
            )
    return works


def generated_articles() -> list[Work]:
    """Articles of member structures' newsletters (« Les cahiers de l'ORIV »…): 25 notices,
    plus 25 web pages presenting the same topics on the members' sites."""
    places = _members()
    authors = list(places)
    works = []
    for n, row in enumerate(read_csv(DATA / "article_topics.csv")):
        topic, themes = row["topic"], split_cell(row["themes"])
        author = authors[n % len(authors)]
        year = 2009 + n % 11
        of = "de l'" if author[0] in "AEIOU" else "du "
        works.append(
            Work(
                csl_type="article-journal",
                title=topic,
                authors=[author],
                editors=[],
                container=f"Lettre d'information {of}{author}",
                publisher=author,
                place=places[author],
                year=year,
                collection="",
                themes=themes,
            )
        )
        works.append(
            Work(
                csl_type="webpage",
                title=f"Ressources : {topic.lower()}",
                authors=[author],
                editors=[],
                container=f"Site {of}{author}",
                publisher="",
                place="",
                year=year + 1,
                collection="",
                themes=themes,
            )
        )
    return works


def all_works() -> list[Work]:
    """Every demo notice, in the order they are created."""
    return [*real_works(), *generated_works(), *generated_articles()]
