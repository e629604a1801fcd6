"""Visits from the newsletter's links (`?mtm_campaign=lettre-12`): counted per issue, rolled up
daily, shown and exported in « Statistiques », without anything about the visitor; the tagged
URL is served the page kept for everyone, and a signed link's token never reaches the counts."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from api import content_version
from audience import buffer
from audience.models import DailyCount, Event, Kind
from newsletter.tokens import Purpose, make_token
from publications.models import NewsIndexPage
from tests.factories import NewsPageFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.fixture(autouse=True)
def counting(settings, monkeypatch):
    settings.AUDIENCE_ENABLED = True
    settings.AUDIENCE_BATCH_SIZE = 1000
    settings.PAGE_CACHE_TIMEOUT = 600
    monkeypatch.setattr(content_version, "_shared", content_version._SharedVersion())
    buffer._pending.clear()
    cache.clear()
    yield
    buffer._pending.clear()
    cache.clear()


@pytest.fixture
def news(site_skeleton):
    """The news section with two pages of news (12 a page), and one news item."""
    section = site_skeleton.get_children().get(slug="actualites").specific
    for n in range(14):
        NewsPageFactory(parent=section, title=f"Nouvelle {n}")
    return section


def visit(client, path: str, address: str = "192.0.2.10", **params):
    response = client.get(path, params, headers={"user-agent": BROWSER}, REMOTE_ADDR=address)
    assert response.status_code == 200, path
    return response


def events() -> list[tuple[str, str, str, bool]]:
    buffer.flush()
    return [(e.kind, e.key, e.label, e.new_visitor) for e in Event.objects.order_by("pk")]


def test_a_visit_from_an_issue_s_link_counts_for_that_issue(client, news):
    visit(client, news.url, mtm_campaign="lettre-12")
    visit(client, news.url, mtm_campaign="lettre-12")  # the same reader clicks again
    visit(client, news.url, address="192.0.2.77", mtm_campaign="lettre-12")
    visit(client, news.url, mtm_campaign="lettre-13")
    visit(client, news.url)  # not from the newsletter
    counted = events()
    assert [e for e in counted if e[0] == Kind.PAGE] == [
        (Kind.PAGE, news.url, "", flag) for flag in (True, False, True, False, False)
    ]
    assert [e for e in counted if e[0] == Kind.CAMPAIGN] == [
        (Kind.CAMPAIGN, "lettre-12", "Lettre n° 12", True),
        (Kind.CAMPAIGN, "lettre-12", "Lettre n° 12", False),
        (Kind.CAMPAIGN, "lettre-12", "Lettre n° 12", True),
        (Kind.CAMPAIGN, "lettre-13", "Lettre n° 13", True),
    ]
    stored = " ".join(str(v) for row in Event.objects.values() for v in row.values())
    assert "192.0.2" not in stored and "Firefox" not in stored


@pytest.mark.parametrize("campaign", ["newsletter", "lettre-", "lettre-0", "lettre-12x", "x" * 300])
def test_a_campaign_that_is_not_an_issue_s_is_not_counted(client, news, campaign):
    visit(client, news.url, mtm_campaign=campaign)
    assert [e[0] for e in events()] == [Kind.PAGE]


def test_the_issues_visits_are_rolled_up_shown_and_exported(client, admin_client, news):
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.2"):
        visit(client, news.url, address=address, mtm_campaign="lettre-12")
    visit(client, news.url, mtm_campaign="lettre-11")
    buffer.flush()
    call_command("rollup_statistics", stdout=io.StringIO())
    row = DailyCount.objects.get(kind=Kind.CAMPAIGN, key="lettre-12")
    assert (row.hits, row.visitors, row.day) == (3, 2, timezone.localdate())

    url = reverse("audience_statistics")
    year = timezone.localdate().year
    page = admin_client.get(url, {"year": year}).content.decode()
    assert "Visites depuis la lettre" in page and "Lettre n° 12" in page
    export = admin_client.get(url, {"year": year, "csv": "lettres"})
    assert export["Content-Type"].startswith("text/csv")
    assert export.content.decode("utf-8-sig").splitlines() == [
        "Lettre d'information;Visites depuis la lettre;Visiteurs",
        "Lettre n° 12;3;2",
        "Lettre n° 11;1;1",
    ]


def test_the_tagged_link_is_served_the_kept_page_and_does_not_hand_the_tag_on(client, news):
    first = visit(client, news.url, mtm_campaign="lettre-12").content.decode()
    assert "Page suivante" in first and "mtm_campaign" not in first  # pagination keeps ?page only
    Page.objects.filter(pk=news.pk).update(title="Renommée sans annonce")
    assert "Renommée sans annonce" not in visit(client, news.url).content.decode()
    tagged = visit(client, news.url, address="192.0.2.50", mtm_campaign="lettre-13")
    assert "Renommée sans annonce" not in tagged.content.decode()  # the kept page
    assert NewsIndexPage.objects.get(pk=news.pk).title == "Renommée sans annonce"
    # Filters are not tracking parameters: `?page=2` is a page of its own.
    second = visit(client, news.url, page=2, utm_source="lettre").content.decode()
    assert "Page précédente" in second and "utm_source" not in second


def test_a_signed_link_s_token_never_reaches_the_statistics(client, news):
    subscriber = SubscriberFactory(email="lectrice@exemple.fr")
    token = make_token(subscriber, Purpose.UNSUBSCRIBE)
    preferences = make_token(subscriber, Purpose.PREFERENCES)
    visit(client, reverse("newsletter:unsubscribe", args=[token]))
    visit(client, reverse("newsletter:preferences", args=[preferences]))
    visit(client, reverse("newsletter:subscribe"))
    keys = [key for _kind, key, _label, _new in events()]
    assert keys == ["/lettre/desinscription/", "/lettre/preferences/", "/lettre/inscription/"]
    buffer.flush()
    call_command("rollup_statistics", stdout=io.StringIO())
    stored = " ".join(DailyCount.objects.values_list("key", flat=True))
    assert token not in stored and preferences not in stored
