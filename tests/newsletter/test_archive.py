"""Every issue published is in the public archive, the API, search and the sitemap."""

import datetime

import feedparser
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsletter import sending
from newsletter.choices import SendingStatus
from newsletter.models import IssueSending
from tests.factories import NewsletterIssuePageFactory

from .site_content import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(newsletter_index):
    content = build(newsletter_index.get_parent())
    page = NewsletterIssuePageFactory(
        parent=newsletter_index,
        number=12,
        slug="lettre-12",
        title="Lettre n° 12 – décembre 2016",
        editorial="<p>Un semestre consacré à l'interculturalité.</p>",
        content=[("pages", {"kind": "notes", "title": "Notes", "pages": [content.note]})],
    )
    page.save_revision().publish()
    page.content_fixture = content
    return page


def test_the_issue_has_a_public_page_in_its_section(client, issue, newsletter_index):
    page = client.get("/lettres/lettre-12/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Lettre d'information n° 12" in html.replace("&#x27;", "'")
    assert issue.content_fixture.note.title in html
    listing = client.get("/lettres/").content.decode()
    assert 'href="/lettres/lettre-12/"' in listing


def test_the_api_lists_the_issue_with_its_groups_and_when_it_was_sent(client, issue, settings):
    settings.API_CACHE_TIMEOUT = 600  # the end of the sending must reach cached answers
    listing = client.get("/api/v2/pages/?type=newsletter.NewsletterIssuePage&fields=*").json()
    (item,) = listing["items"]
    assert item["number"] == 12 and item["sent_at"] is None
    assert item["groups"] == [
        {
            "kind": "notes",
            "title": "Notes",
            "items": [
                {
                    "title": issue.content_fixture.note.title,
                    "url": "http://testserver/publications/"
                    + issue.content_fixture.note.slug
                    + "/",
                    "date": "2016-11-15",
                    "summary": issue.content_fixture.note.summary,
                    "detail": "",
                }
            ],
        }
    ]
    before = client.get(f"/api/v2/pages/{issue.pk}/").json()
    assert before["sent_at"] is None
    IssueSending.objects.create(issue=issue, status=SendingStatus.SENDING)
    with time_machine.travel(datetime.datetime(2016, 12, 16, 10, 0, tzinfo=datetime.UTC)):
        sending.finish_done(sending.RunReport())  # nothing left to send: done, and announced
    detail = client.get(f"/api/v2/pages/{issue.pk}/").json()
    assert detail["sent_at"].startswith("2016-12-16T")


def test_search_finds_the_issue_by_its_editorial(client, issue):
    results = client.get("/api/v2/search/?q=interculturalité").json()
    assert "newsletter.NewsletterIssuePage" in [r["type"] for r in results["results"]]


def test_the_sitemap_lists_the_issue(client, issue):
    assert "/lettres/lettre-12/" in client.get("/sitemap.xml").content.decode()


def test_the_api_listing_reads_when_each_issue_was_sent_in_one_query(
    client, newsletter_index, settings
):
    """`sent_at` comes with the listing's prefetching, not from one query per issue."""
    settings.API_CACHE_TIMEOUT = 0
    url = "/api/v2/pages/?type=newsletter.NewsletterIssuePage&fields=number,sent_at&order=number"

    def add_sent_issues(count: int) -> None:
        for _ in range(count):
            issue = NewsletterIssuePageFactory(parent=newsletter_index)
            with time_machine.travel(datetime.datetime(2016, 12, 16, 10, 0, tzinfo=datetime.UTC)):
                IssueSending.objects.create(
                    issue=issue, status=SendingStatus.SENT, finished_at=timezone.now()
                )

    def queries() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    add_sent_issues(2)
    NewsletterIssuePageFactory(parent=newsletter_index)  # published, never sent
    for_three = queries()
    add_sent_issues(5)
    items = client.get(url).json()["items"]
    assert len(items) == 8
    assert [item["sent_at"] is None for item in items].count(True) == 1
    assert all(item["sent_at"].startswith("2016-12-16T") for item in items if item["sent_at"])
    assert queries() == for_three


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_the_sent_issues_have_a_feed_announced_by_the_archive(
    client, issue, newsletter_index, settings, fmt
):
    settings.PAGE_CACHE_TIMEOUT = 600  # the end of a sending must reach the kept feed
    cache.clear()
    older = NewsletterIssuePageFactory(
        parent=newsletter_index,
        number=11,
        slug="lettre-11",
        title="Lettre n° 11 – juin 2016",
        date=datetime.date(2016, 6, 15),
        summary="Les productions du réseau au premier semestre 2016.",
        themes=[issue.content_fixture.laicite],
    )
    IssueSending.objects.create(issue=older, status=SendingStatus.SENT, finished_at=timezone.now())
    url = f"/flux/lettres/{fmt}/"

    feed = parsed_feed(client, url)
    assert feed.feed.title == "Réseau RECI : lettres d'information"
    assert [entry.title for entry in feed.entries] == ["Lettre n° 11 – juin 2016"]  # 12: not sent
    (entry,) = feed.entries
    assert entry.link == "http://testserver/lettres/lettre-11/"
    assert entry.summary == "Les productions du réseau au premier semestre 2016."
    assert [tag.term for tag in entry.tags] == ["Laïcité"]

    IssueSending.objects.create(issue=issue, status=SendingStatus.SENDING)
    sending.finish_done(sending.RunReport())  # issue 12 is sent: announced, the feed follows
    titles = [entry.title for entry in parsed_feed(client, url).entries]
    assert titles == ["Lettre n° 12 – décembre 2016", "Lettre n° 11 – juin 2016"]
    assert "Lettre n° 12" not in client.get(f"/flux/{fmt}/").content.decode()  # not news

    archive = BeautifulSoup(client.get("/lettres/").content, "html.parser")
    announced = {
        link["href"]: link["type"] for link in archive.select('head link[rel="alternate"]')
    }
    assert announced["/flux/lettres/rss/"] == "application/rss+xml"
    assert announced["/flux/lettres/atom/"] == "application/atom+xml"
    cache.clear()


def parsed_feed(client, url: str) -> feedparser.FeedParserDict:
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed
