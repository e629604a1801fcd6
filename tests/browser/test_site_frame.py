"""What every public page shares: the header's search box, the keyboard path through it, the
skip link, breadcrumbs, the favicon, and the English site in English."""

import re

from playwright.sync_api import expect

from tests.browser.pages import url_of


def focused(page) -> str:
    """A short description of the focused element: tag, id or text."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.tagName + ' ' + (e.id || e.textContent.trim().slice(0, 40)); }"
    )


def test_search_box_in_the_header_of_every_page_leads_to_results(page):
    page.goto(url_of("NotePage"))
    search = page.get_by_role("search").get_by_label("Rechercher sur le site")
    search.fill("laïcité")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/recherche/\?q=la%C3%AFcit%C3%A9"))
    expect(page.locator(".search-results > li").first).to_be_visible()
    assert "résultat" in page.locator(".search-total").inner_text()


def test_keyboard_path_skip_link_header_search_navigation_with_visible_focus(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert focused(page) == "A Aller au contenu"
    skip = page.get_by_role("link", name="Aller au contenu")
    outline = skip.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none", "the focused skip link shows no outline"
    box = skip.bounding_box()
    assert box and box["x"] >= 0, "the skip link stays off screen when focused"
    page.keyboard.press("Enter")
    assert focused(page).startswith("MAIN contenu")

    page.goto("/")
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        seen.append(focused(page))
    assert seen[0] == "A Aller au contenu"
    assert "INPUT site-search-q" in seen
    assert any(item.startswith("A Publications") for item in seen)
    assert seen.index("INPUT site-search-q") < seen.index("A Publications")
    page.locator("#site-search-q").focus()
    outline = page.locator("#site-search-q").evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"


def test_breadcrumbs_lead_back_up_the_tree(page):
    page.goto(url_of("NotePage"))
    crumbs = page.get_by_role("navigation", name="Fil d'Ariane")
    expect(crumbs.get_by_role("listitem")).to_have_count(3)
    expect(crumbs.locator("[aria-current=page]")).to_have_text(page.locator("h1").inner_text())
    crumbs.get_by_role("link", name="Publications").click()
    expect(page.locator("h1")).to_have_text("Publications")
    page.get_by_role("navigation", name="Fil d'Ariane").get_by_role("link", name="Accueil").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_favicon_is_served_at_the_root(page):
    response = page.request.get("/favicon.ico")
    assert response.ok
    assert response.headers["content-type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert response.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page.goto("/")
    icon = page.locator("link[rel=icon][type='image/svg+xml']").get_attribute("href")
    assert page.request.get(icon).ok


def test_english_pages_are_english_with_hreflang_and_a_language_switch(page):
    english = url_of("PracticeSheetPage", locale="en")
    page.goto(english)
    assert page.locator("html").get_attribute("lang") == "en"
    navigation = page.get_by_role("navigation", name="Main navigation")
    expect(navigation).to_be_visible()
    assert "Practices" in navigation.inner_text()
    assert "Pratiques" not in navigation.inner_text()
    expect(page.locator(".site-footer")).to_contain_text("network of resource centres")
    expect(page.get_by_role("link", name="Skip to content")).to_have_count(1)
    hreflangs = page.locator("link[rel=alternate][hreflang]")
    languages = {hreflangs.nth(i).get_attribute("hreflang") for i in range(hreflangs.count())}
    assert languages == {"en", "fr"}
    french_url = page.locator("link[rel=alternate][hreflang=fr]").get_attribute("href")

    page.get_by_role("navigation", name="Languages").get_by_role("link", name="Français").click()
    assert page.url == french_url
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("navigation", name="Langues").get_by_role("link", name="English").click()
    assert page.url.endswith(english)
