"""Reading the network's content as a visitor: a note and its PDF, how to cite it, where its
themes and structures lead, a bibliography's notices, the practice map, the agenda."""

import datetime
import re

from playwright.sync_api import expect

from tests.browser.pages import url_of

FRENCH_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)


def definition(meta, term: str):
    """The `<dd>` after the `<dt>` reading `term`."""
    return meta.locator("dt", has_text=term).locator("xpath=following-sibling::dd[1]")


def test_note_downloads_its_pdf(page):
    from publications.models import NotePage

    note = NotePage.objects.live().exclude(pdf=None).order_by("path").first()
    page.goto(note.url)
    link = page.get_by_role("link", name=re.compile(r"^Télécharger «\s"))
    expect(link).to_contain_text("PDF")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_citation_and_its_meta_tags_use_the_address_the_reader_used(page, site_url):
    path = url_of("NotePage")
    page.goto(path)
    citation = page.locator(".citation").inner_text()
    assert citation.endswith(site_url + path) or (site_url + path) in citation
    assert "testserver" not in citation
    meta = page.locator("meta[name=citation_pdf_url], meta[name=citation_public_url]")
    for i in range(meta.count()):
        assert meta.nth(i).get_attribute("content").startswith(site_url)
    date = page.locator("dl.meta time").first.inner_text()
    # « 15 janvier 2020 », « 1er décembre 2016 », with no-break spaces (never split).
    assert re.fullmatch(rf"\d{{1,2}}(er)?\xa0({FRENCH_MONTHS})\xa0\d{{4}}", date)


def test_themes_and_structures_of_a_note_lead_to_their_content(page):
    from publications.models import NotePage

    note = NotePage.objects.live().filter(organisations__isnull=False).order_by("path").first()
    page.goto(note.url)
    title = note.title
    meta = page.locator("dl.meta")
    theme = definition(meta, "Thèmes").get_by_role("link").first
    theme_name = theme.inner_text()
    theme.click()
    expect(page.locator(".search-facets a[aria-current]")).to_contain_text(theme_name)
    expect(page.locator(".search-results")).to_contain_text(title)
    page.go_back()
    structure = definition(meta, "Structures du réseau").get_by_role("link").first
    acronym = structure.inner_text()
    structure.click()
    expect(page.locator(".search-facets a[aria-current]")).to_contain_text(acronym)
    expect(page.locator(".search-results")).to_contain_text(title)


def test_bibliography_notice_links_say_which_notice(page):
    page.goto(url_of("ThematicBibliographyPage"))
    links = page.locator(".references a[href*='/notices/']")
    assert links.count() > 3
    assert page.get_by_role("link", name="Notice", exact=True).count() == 0
    names = {
        links.nth(i).get_attribute("href"): links.nth(i).evaluate(
            "e => e.textContent.replace(/\\s+/g, ' ').trim()"
        )
        for i in range(links.count())
    }
    assert len(set(names.values())) == len(names), "links to two notices read the same"
    first = links.first
    name = names[first.get_attribute("href")]
    first.click()
    assert name.removeprefix("Notice : ").startswith(page.locator("h1").inner_text()[:40])


def test_practice_map_shows_one_named_marker_per_practice(page):
    with page.expect_response(re.compile(r"/geojson/")) as geojson:
        page.goto(url_of("PracticeIndexPage"))
    features = geojson.value.json()["features"]
    assert features
    markers = page.locator("#practice-map .leaflet-marker-icon")
    expect(markers).to_have_count(len(features))
    alts = set(markers.evaluate_all("items => items.map(m => m.alt)"))
    assert "Marker" not in alts
    expected = set()
    for feature in features:
        title, commune = feature["properties"]["title"], feature["properties"].get("commune")
        expected.add(f"{title} ({commune})" if commune else title)
    assert alts == expected
    markers.first.click()
    popup_link = page.locator(".leaflet-popup-content a")
    expect(popup_link).to_be_visible()


def test_home_agenda_shows_coming_events_with_dates(page):
    from publications.models import EventIndexPage
    from tests.factories import EventPageFactory

    agenda = EventIndexPage.objects.get(locale__language_code="fr")
    soon = datetime.date.today() + datetime.timedelta(days=20)
    EventPageFactory(parent=agenda, title="Journée régionale à venir", date=soon, place="Lyon")
    page.goto("/")
    section = page.locator("section.home-section", has=page.locator("h2", has_text="Agenda"))
    expect(section.get_by_role("link", name="Journée régionale à venir")).to_be_visible()
    when = section.locator(".event-date time").first
    assert when.get_attribute("datetime") == soon.isoformat()
    assert re.search(rf"\b{soon.day}(er)?\xa0({FRENCH_MONTHS})\xa0{soon.year}", when.inner_text())
    past = [e.title for e in agenda.get_children().live().specific() if e.date < soon]
    for title in past:
        expect(section.get_by_role("link", name=title, exact=True)).to_have_count(0)
    for card in page.locator("section.home-section").all()[:4]:
        expect(card.locator(".card-list time").first).to_be_visible()


def test_printing_a_note_keeps_the_text_and_its_citation_only(page):
    page.goto(url_of("NotePage"))
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator(".breadcrumbs")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".citation")).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:5] == b"%PDF-"
