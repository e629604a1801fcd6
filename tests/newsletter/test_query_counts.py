"""An issue costs the same SQL queries with a few items as with many: composing a subscriber's
copy and reading the issue through the API fetch each relation of the items (themes, PDFs)
once for them all, not once per item."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsletter.compose import issue_message
from newsletter.models import NewsletterIssuePage
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsletterIssuePageFactory,
    NotePageFactory,
    PdfDocumentFactory,
    PointDeVuePageFactory,
    PracticeIndexPageFactory,
    PracticeSheetPageFactory,
    PressItemFactory,
    PublicationIndexPageFactory,
    SubscriberFactory,
    ThemeFactory,
    ToolkitPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_issue(newsletter_index, settings):
    """An issue with `per_kind` items of each kind, each with a theme (notes with a PDF)."""
    settings.API_CACHE_TIMEOUT = 0
    home = newsletter_index.get_parent()
    laicite, logement = ThemeFactory(slug="laicite"), ThemeFactory(slug="logement")
    publications = PublicationIndexPageFactory(parent=home)
    events = EventIndexPageFactory(parent=home)
    practices = PracticeIndexPageFactory(parent=home)
    numbers = iter(range(1, 100))

    def make(per_kind: int) -> NewsletterIssuePage:
        papers, tools, agenda, sheets, press = [], [], [], [], []
        for _ in range(per_kind):
            note = NotePageFactory(parent=publications, themes=[logement])
            note.pdf = PdfDocumentFactory()
            note.save()
            papers += [note, PointDeVuePageFactory(parent=publications, themes=[laicite])]
            tools.append(ToolkitPageFactory(parent=publications, themes=[laicite, logement]))
            agenda.append(
                EventPageFactory(
                    parent=events,
                    themes=[laicite],
                    date=datetime.date(2017, 1, 26),
                    place="Strasbourg",
                )
            )
            sheets.append(PracticeSheetPageFactory(parent=practices, themes=[logement]))
            item = PressItemFactory()
            item.themes.set([laicite])
            press.append(item)
        number = next(numbers)
        issue = NewsletterIssuePageFactory(
            parent=newsletter_index,
            number=number,
            slug=f"lettre-{number}",
            content=[
                ("pages", {"kind": "notes", "title": "Publications", "pages": papers}),
                ("pages", {"kind": "outils", "title": "Outils", "pages": tools}),
                ("pages", {"kind": "agenda", "title": "Agenda", "pages": agenda}),
                ("pages", {"kind": "pratiques", "title": "Pratiques", "pages": sheets}),
                ("press", {"title": "Veille", "items": press}),
            ],
        )
        issue.save_revision().publish()
        return issue

    return make


def item_count(issue: NewsletterIssuePage) -> int:
    return sum(len(group.items) for group in issue.groups)


def composition_queries(issue: NewsletterIssuePage, subscriber) -> int:
    issue_message(NewsletterIssuePage.objects.get(pk=issue.pk), subscriber)  # warm the caches
    fresh = NewsletterIssuePage.objects.get(pk=issue.pk)
    with CaptureQueriesContext(connection) as queries:
        message = issue_message(fresh, subscriber)
    assert subscriber.email in message.to
    return len(queries)


def api_queries(client, url: str) -> int:
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


def test_composing_a_copy_costs_the_same_queries_for_few_or_many_items(make_issue):
    few, many = make_issue(1), make_issue(6)
    assert (item_count(few), item_count(many)) == (6, 36)
    subscriber = SubscriberFactory(themes=[ThemeFactory(slug="emploi")])
    assert composition_queries(many, subscriber) == composition_queries(few, subscriber)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?type=newsletter.NewsletterIssuePage&fields=*&number={number}",
        "/api/v2/pages/{pk}/",
    ],
)
def test_the_api_costs_the_same_queries_for_few_or_many_items(client, make_issue, url):
    few, many = make_issue(1), make_issue(6)
    few_url = url.format(number=few.number, pk=few.pk)
    many_url = url.format(number=many.number, pk=many.pk)
    response = client.get(many_url).json()
    groups = response["items"][0]["groups"] if "items" in response else response["groups"]
    assert sum(len(group["items"]) for group in groups) == 36
    assert api_queries(client, many_url) == api_queries(client, few_url)
