"""What a French reader notices on the public pages once they look finished: dates written out
(« 1er décembre 2016 », never split across lines), one list of an event's facts, a citation
without « ?. », a notice that leads back to its section and its themes, a practice sheet whose
themes lead to their listing."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from core.templatetags.site_tags import long_date
from publications.citation import format_citation
from tests.browser.pages import notice_url, url_of

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"


def soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_long_dates_in_french_and_in_english():
    first, fifteenth = datetime.date(2016, 12, 1), datetime.date(2016, 12, 15)
    with translation.override("fr"):
        assert long_date(first) == f"1er{NBSP}décembre{NBSP}2016"
        assert long_date(fifteenth) == f"15{NBSP}décembre{NBSP}2016"
        assert long_date(first, "l j F Y") == f"jeudi{NBSP}1er{NBSP}décembre{NBSP}2016"
        assert long_date(None) == ""
    with translation.override("en"):
        assert long_date(first) == f"1{NBSP}December{NBSP}2016"


def test_home_page_writes_the_first_of_the_month_as_an_ordinal(client, demo_site):
    html = client.get("/").content.decode()
    assert f"1er{NBSP}décembre{NBSP}2016" in html  # practice sheets of 1 December 2016
    assert f"15{NBSP}décembre{NBSP}2016" in html
    assert "1 décembre 2016" not in html
    english = client.get(url_of("HomePage", locale="en")).content.decode()
    assert f"1{NBSP}December{NBSP}2016" in english


def test_event_page_lists_its_facts_once(client, demo_site):
    page = soup(client, url_of("EventPage"))
    (facts,) = page.select("article header dl")
    terms = [text(term) for term in facts.select("dt")]
    assert terms[0] == "Quand"
    assert "Date" not in terms  # « Quand » says it already
    assert "Thèmes" in terms


def test_citation_keeps_a_title_s_question_mark():
    date = datetime.date(2020, 1, 15)
    citation = format_citation(["AVDL"], "Une opportunité ?", date, "https://reci.example/n/")
    assert citation == "AVDL. Une opportunité ? Réseau RECI, janvier 2020. https://reci.example/n/"
    assert format_citation([], "Note finale.", None, "") == "Note finale. Réseau RECI."


def test_note_citation_has_no_double_punctuation(client, demo_site):
    from publications.models import NotePage

    note = NotePage.objects.live().get(title__endswith="?")
    citation = text(soup(client, note.url).select_one(".citation"))
    assert "traitement ? Réseau RECI" in citation
    assert "?." not in citation


def test_notice_leads_back_to_its_section_and_to_its_themes(client, demo_site):
    from bibliography.models import Reference

    reference = Reference.objects.filter(live=True).exclude(abstract="").order_by("pk").first()
    page = soup(client, notice_url())
    crumbs = page.select_one("nav.breadcrumbs")
    assert [text(link) for link in crumbs.select("a")] == ["Accueil", "Bibliographies"]
    assert text(crumbs.select_one("[aria-current=page]")) == reference.title
    facts = page.select_one("article dl.meta")
    themes = {text(link): link["href"] for link in facts.select("a")}
    assert themes == {
        theme.name: f"/recherche/?theme={theme.slug}" for theme in reference.themes.all()
    }
    assert themes


def test_practice_sheet_themes_lead_to_their_listing(client, demo_site):
    page = soup(client, url_of("PracticeSheetPage"))
    links = page.select(".practice-facts a[href^='/recherche/?theme=']")
    assert links
    english = soup(client, url_of("PracticeSheetPage", locale="en"))
    (themes,) = [dd for dd in english.select(".practice-facts dd") if dd.select("a")]
    assert themes["lang"] == "fr"  # the themes have French names only
    assert themes.select_one("a")["href"].startswith("/en/recherche/?theme=")


def test_bibliography_news_since_the_last_edition_link_to_their_notices(client, demo_site):
    from bibliography.models import ThematicBibliographyPage

    laicite = ThematicBibliographyPage.objects.live().get(title="Laïcité")  # two editions
    page = soup(client, laicite.url)
    news = page.select(".whats-new li")
    assert news
    assert all(item.select_one("a[href*='/notices/']") for item in news)
