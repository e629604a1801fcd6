import datetime

import pytest

from tests.factories import OrganisationFactory, ThemeFactory
from tests.factories.search import NoticeFactory, SearchArticlePageFactory


@pytest.fixture
def publish_article(home_page):
    """Create and publish an article page under the home page, as an editor would."""

    def publish(title: str, body: str = "", **fields):
        themes = fields.pop("themes", [])
        organisations = fields.pop("organisations", [])
        page = SearchArticlePageFactory.build(title=title, body=f"<p>{body}</p>", **fields)
        home_page.add_child(instance=page)
        page.themes.set(themes)
        page.organisations.set(organisations)
        page.save_revision().publish()
        return page

    return publish


@pytest.fixture
def publish_notice(db):
    """Create a notice snippet and publish it through a revision."""

    def publish(title: str, abstract: str = "", **fields):
        themes = fields.pop("themes", [])
        notice = NoticeFactory(title=title, abstract=abstract, **fields)
        notice.themes.set(themes)
        notice.save_revision().publish()
        return notice

    return publish


@pytest.fixture
def corpus(publish_article, publish_notice):
    """A small French corpus over both test types, with themes, years and regions."""
    laicite = ThemeFactory(slug="laicite", name="Laïcité")
    logement = ThemeFactory(slug="logement", name="Logement")
    oriv = OrganisationFactory(acronym="ORIV")
    return {
        "laicite_page": publish_article(
            "La laïcité au service du lien social",
            "Point de vue sur la neutralité du service public.",
            date=datetime.date(2016, 12, 1),
            region="44",
            themes=[laicite],
            organisations=[oriv],
        ),
        "logement_page": publish_article(
            "Mixité sociale et logement",
            "Les discriminations dans l'accès au logement social et la laïcité.",
            date=datetime.date(2020, 1, 15),
            region="84",
            themes=[logement],
        ),
        "notice_discrimination": publish_notice(
            "Les discriminations liées à l'origine dans le logement",
            "Un état des savoirs sur les discriminations.",
            year=2014,
            kind="rapport",
            themes=[logement],
        ),
        "notice_ecole": publish_notice(
            "Réussite à l'école et origine migratoire",
            "Orientation scolaire.",
            year=2016,
            kind="article",
            themes=[laicite],
        ),
    }
