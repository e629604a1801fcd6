"""The search page as a visitor uses it: results in the first screen, facets beside them,
pages of results, the suggestions under the box, all with the keyboard too."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.viewports import MOBILE


def total(page) -> int:
    return int(re.match(r"(\d+) résultat", page.locator(".search-total").inner_text()).group(1))


def test_first_results_are_in_the_first_screen_beside_the_facets(page):
    page.goto("/recherche/?q=discriminations")
    first = page.locator(".search-results > li").first.bounding_box()
    assert first["y"] + first["height"] < 900, "no result visible without scrolling at 1280×900"
    facets = page.get_by_role("navigation", name="Affiner la recherche").bounding_box()
    assert facets["x"] + facets["width"] <= first["x"], "the facets are not beside the results"

    page.set_viewport_size(MOBILE)
    first = page.locator(".search-results > li").first.bounding_box()
    assert first["y"] < 2 * MOBILE["height"], "results pushed past two screens on a phone"


def test_a_facet_narrows_the_results_and_can_be_removed(page):
    page.goto("/recherche/?q=discriminations")
    before = total(page)
    facets = page.get_by_role("navigation", name="Affiner la recherche")
    note = facets.get_by_role("link", name=re.compile(r"^Note \(\d+\)"))
    expected = int(re.search(r"\((\d+)\)", note.inner_text()).group(1))
    note.click()
    assert parse_qs(urlsplit(page.url).query)["type"] == ["publications.NotePage"]
    assert total(page) == expected < before
    for kind in page.locator(".search-result-type").all_inner_texts():
        assert kind.startswith("NOTE") or kind.startswith("Note")
    selected = facets.locator("a[aria-current]")
    expect(selected).to_have_count(1)
    expect(selected).to_contain_text("Retirer le filtre")
    selected.click()
    assert total(page) == before


def test_facets_are_reached_and_opened_with_the_keyboard(page):
    page.goto("/recherche/?q=discriminations")
    theme_summary = page.locator(".search-facets summary", has_text="Thème")
    theme_summary.focus()
    assert theme_summary.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    page.keyboard.press("Enter")
    first_theme = page.locator(".search-facets details", has_text="Thème").get_by_role("link").first
    expect(first_theme).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('details') !== null")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"theme="))


def test_pages_of_results(page):
    page.goto("/recherche/?q=discriminations")
    pages = page.get_by_role("navigation", name="Pages de résultats")
    expect(pages).to_contain_text("Page 1 sur")
    first_titles = page.locator(".search-results h2").all_inner_texts()
    pages.get_by_role("link", name="Page suivante").click()
    expect(page.get_by_role("navigation", name="Pages de résultats")).to_contain_text("Page 2 sur")
    assert not set(first_titles) & set(page.locator(".search-results h2").all_inner_texts())
    page.get_by_role("link", name="Page précédente").click()
    assert page.locator(".search-results h2").all_inner_texts() == first_titles


def test_theme_named_in_a_result_lists_that_theme(page):
    page.goto("/recherche/?q=logement")
    theme = page.locator(".search-results .meta a").first
    name = theme.inner_text()
    theme.click()
    assert "theme" in parse_qs(urlsplit(page.url).query)
    selected = page.locator(".search-facets a[aria-current]")
    expect(selected).to_contain_text(name)


def test_suggestions_under_the_header_box_with_the_keyboard(page):
    page.goto("/")
    box = page.get_by_role("combobox", name="Rechercher sur le site")
    box.press_sequentially("laïc", delay=30)
    listbox = page.get_by_role("listbox", name="Suggestions de titres")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options.first).to_be_visible()
    assert all("laïc" in text.lower() for text in options.all_inner_texts())
    assert_accessible(page)
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    target = options.first.get_attribute("data-url")
    box.press("Enter")
    # A page's suggestion opens the page, a theme's its listing on the search page.
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))


def test_escape_closes_the_suggestions_and_enter_searches(page):
    page.goto("/")
    box = page.get_by_role("combobox", name="Rechercher sur le site")
    box.press_sequentially("logement", delay=20)
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/recherche/\?q=logement"))


def test_english_pages_search_in_english_with_english_suggestions(page):
    from tests.browser.pages import url_of

    page.goto(url_of("PracticeSheetPage", locale="en"))
    box = page.get_by_role("combobox", name="Search the site")
    box.press_sequentially("laïcité", delay=30)
    listbox = page.get_by_role("listbox", name="Title suggestions")
    expect(listbox.get_by_role("option").first).to_be_visible()
    kinds = set(listbox.locator(".suggestion-type").all_inner_texts())
    assert "Theme" in kinds  # « Laïcité »; the API's French labels (« Thème ») replaced
    assert kinds <= {"Theme", "Thematic bibliography", "Bibliographic record", "Note", "Viewpoint"}
    box.press("Escape")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/recherche/\?q=la%C3%AFcit%C3%A9$"))
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1")).to_have_text("Search")
    expect(page.locator(".search-total")).to_have_text(re.compile(r"^\d+ results? for “laïcité”$"))
    facets = page.get_by_role("navigation", name="Refine the search")
    expect(facets.locator("summary").first).to_have_text("Content type")
    assert_accessible(page)
